package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AddressKeyTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertEquals("203.0.113.9", AddressKey.of("203.0.113.9"));
    }

    @Test
    void ipv6AddressesInOneSlash64ShareAKeyWhateverTheirSpelling() {
        String key = AddressKey.of("2001:db8:1:2::1");
        assertEquals("2001:db8:1:2::/64", key);
        assertEquals(key, AddressKey.of("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff"));
        assertEquals(key, AddressKey.of("[2001:db8:1:2::7]"));
        assertEquals(key, AddressKey.of("2001:db8:1:2::7%eth0"));
        assertNotEquals(key, AddressKey.of("2001:db8:1:3::1"));
    }

    @Test
    void loopbackAndMappedAddresses() {
        assertEquals("0:0:0:0::/64", AddressKey.of("0:0:0:0:0:0:0:1"));
        assertEquals("192.0.2.1", AddressKey.of("::ffff:192.0.2.1"), "an IPv4-mapped address is the IPv4 one");
    }

    @Test
    void somethingThatIsNoLiteralIsKeptAsItIsAndNeverLookedUp() {
        assertEquals("not:an:address.example", AddressKey.of("not:an:address.example"));
        assertEquals("zz::1", AddressKey.of("zz::1"));
    }
}
