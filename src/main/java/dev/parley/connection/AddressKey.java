package dev.parley.connection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key the per-address limit counts a client under: its IPv4 address, or the /64 network of its IPv6
 * address, since one IPv6 host is usually given a whole /64 and could otherwise take a new address per
 * connection.
 */
final class AddressKey {
    private AddressKey() {
    }

    static String of(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // an IPv6 literal: parsed without a name lookup; a zone (%eth0) is not part of the network
            String literal = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
            int zone = literal.indexOf('%');
            String numeric = zone < 0 ? literal : literal.substring(0, zone);
            if (!numeric.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return address; // not a literal: never looked up by name
            }
            InetAddress parsed = InetAddress.getByName(numeric);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder key = new StringBuilder(24);
            for (int i = 0; i < 8; i += 2) {
                key.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
            }
            return key.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
