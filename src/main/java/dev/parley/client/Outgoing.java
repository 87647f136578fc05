package dev.parley.client;

/** A frame this client sends: a message (to a room, or {@code to} a user) or a ping. Null fields are left out. */
record Outgoing(String type, String to, String text, String ref) {

    static Outgoing message(String to, String text, String ref) {
        return new Outgoing("message", to, text, ref);
    }

    static Outgoing ping(String ref) {
        return new Outgoing("ping", null, null, ref);
    }
}
