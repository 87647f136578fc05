package dev.parley.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SocketsParameterTest {

    @Test
    void decodesTheRawQueryAsUtf8() {
        String query = "name=%E6%9D%8E%E9%9B%B7&since=r-1&empty=&flag&sp=a%20b+c";
        assertEquals("李雷", Sockets.queryParameter(query, "name"));
        assertEquals("r-1", Sockets.queryParameter(query, "since"));
        assertEquals("", Sockets.queryParameter(query, "empty"));
        assertEquals("", Sockets.queryParameter(query, "flag"));
        assertEquals("a b c", Sockets.queryParameter(query, "sp"));
        assertNull(Sockets.queryParameter(query, "token"));
        assertNull(Sockets.queryParameter(null, "name"));
        assertNull(Sockets.queryParameter("", "name"));
    }

    @Test
    void takesTheFirstValueAndKeepsAMalformedEscape() {
        assertEquals("a", Sockets.queryParameter("name=a&name=b", "name"));
        assertEquals("bad%zz", Sockets.queryParameter("name=bad%zz", "name"));
    }
}
