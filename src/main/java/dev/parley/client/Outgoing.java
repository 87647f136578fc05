package dev.parley.client;


import jakarta.json.JsonObject;

/** A frame this client sends: a message (to a room, or {@code to} a user) or a ping. Null fields are left out. */
record Outgoing(String type, String to, String text, JsonObject data, String ref) {

    static Outgoing message(String to, String text, JsonObject data, String ref) {
        return new Outgoing("message", to, text, data, ref);
    }

    static Outgoing ping(String ref) {
        return new Outgoing("ping", null, null, null, ref);
    }
}
