package dev.parley.bench;

import java.net.URI;

/** How one kind of chat server is spoken to: where a member connects, how a marker is sent, what a frame means. */
enum Adapter {
    /** Parley's room and user endpoints: JSON frames, a welcome first (its history is never counted). */
    PARLEY {
        @Override
        URI room(URI base, String room, String member) {
            return base.resolve("ws/room/" + room + "?name=" + member);
        }

        @Override
        URI user(URI base, String user) {
            return base.resolve("ws/user/" + user);
        }

        @Override
        String roomFrame(String marker) {
            return "{\"type\":\"message\",\"text\":\"" + marker + "\"}";
        }

        @Override
        String directFrame(String to, String marker) {
            return "{\"type\":\"message\",\"to\":\"" + to + "\",\"text\":\"" + marker + "\"}";
        }

        @Override
        boolean isReady(String frame) {
            return frame.startsWith("{\"type\":\"welcome\"");
        }

        @Override
        boolean carriesHistory(String frame) {
            return isReady(frame);
        }

        @Override
        boolean isError(String frame) {
            return frame.startsWith("{\"type\":\"error\"");
        }
    },
    /** Tomcat's JSR-356 chat example: one room for everyone; text goes out to all as "GuestN: text". */
    TOMCAT {
        @Override
        URI room(URI base, String room, String member) {
            return base.resolve("examples/websocket/chat");
        }

        @Override
        boolean isReady(String frame) {
            return frame.startsWith("* ");
        }
    },
    /** The Node {@code ws} broadcast server of bench/node: one room; raw text to every client; "welcome" first. */
    NODE {
        @Override
        URI room(URI base, String room, String member) {
            return base;
        }

        @Override
        boolean isReady(String frame) {
            return frame.equals("welcome");
        }
    };

    /** The address a member of {@code room} opens; servers with one room ignore the room's name. */
    abstract URI room(URI base, String room, String member);

    URI user(URI base, String user) {
        throw new UnsupportedOperationException(name() + " has no direct messages");
    }

    String roomFrame(String marker) {
        return marker;
    }

    String directFrame(String to, String marker) {
        throw new UnsupportedOperationException(name() + " has no direct messages");
    }

    /** The first frame that says a connection is fully open (welcome, join notice). */
    abstract boolean isReady(String frame);

    /** A frame whose markers are from earlier messages and must not be counted. */
    boolean carriesHistory(String frame) {
        return false;
    }

    boolean isError(String frame) {
        return false;
    }

    static Adapter of(String kind) {
        return valueOf(kind.toUpperCase(java.util.Locale.ROOT));
    }
}
