package dev.parley.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void controlCharactersAreEscapedSoNoValueStartsALine() {
        assertEquals("https://a.example\\r\\nINFO: forged\\u0007\\u2028", LogText.of("https://a.example\r\nINFO: forged\u0007\u2028", 100));
        assertEquals("tab\\there", LogText.of("tab\there", 100));
    }

    @Test
    void longValuesAreCutAndSaySo() {
        assertEquals("abc...(10 characters)", LogText.of("abcdefghij", 3));
        assertEquals("abc", LogText.of("abc", 3));
    }

    @Test
    void anAbsentValueIsNamed() {
        assertEquals("(none)", LogText.of(null, 10));
    }

    @Test
    void ordinaryTextIsLeftAsItIs() {
        assertEquals("https://chat.example.com:8443 李雷", LogText.of("https://chat.example.com:8443 李雷", 100));
    }
}
