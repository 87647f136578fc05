package dev.parley.wire;

import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.lang.reflect.Type;

/**
 * Reads a client frame in one pass, strictly: known fields must be strings, unknown fields are skipped
 * without being built. Never throws for a bad frame; it answers {@link Inbound.Invalid} instead.
 */
final class InboundDeserializer implements JsonbDeserializer<Inbound> {
    static final int MAX_REF_LENGTH = 64;
    /** Frames nested deeper than this many levels (the frame's object is level 1) are refused: none needs it. */
    static final int MAX_DEPTH = 32;

    @Override
    public Inbound deserialize(JsonParser parser, DeserializationContext context, Type type) {
        String frameType = null;
        String text = null;
        String to = null;
        String ref = null;
        String wrongField = null;
        while (true) {
            Event event = parser.next();
            if (event == Event.END_OBJECT) {
                break;
            }
            String key = parser.getString();
            Event value = parser.next();
            switch (key) {
                case "type", "text", "to", "ref" -> {
                    if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
                        skip(parser, value);
                    }
                    if (value == Event.VALUE_NULL) {
                        continue;
                    }
                    // an unpaired surrogate cannot be sent on as UTF-8: it would break every receiver
                    if (value != Event.VALUE_STRING || !wellFormed(parser.getString())) {
                        wrongField = wrongField == null ? key : wrongField;
                        continue;
                    }
                    String s = parser.getString();
                    switch (key) {
                        case "type" -> frameType = s;
                        case "text" -> text = s;
                        case "to" -> to = s;
                        default -> ref = s;
                    }
                }
                default -> skip(parser, value);
            }
        }
        return frame(frameType, text, to, ref, wrongField);
    }

    private static Inbound frame(String type, String text, String to, String ref, String wrongField) {
        if (ref != null && ref.length() > MAX_REF_LENGTH) {
            return new Inbound.Invalid(ErrorCode.BAD_REQUEST, "ref is longer than " + MAX_REF_LENGTH + " characters", null);
        }
        if (wrongField != null) {
            return new Inbound.Invalid(ErrorCode.BAD_REQUEST, wrongField + " must be a string of valid Unicode", ref);
        }
        if (type == null || type.equals("message")) {
            if (text == null) {
                return new Inbound.Invalid(ErrorCode.BAD_REQUEST, "a message needs text", ref);
            }
            return new Inbound.Message(text, to, ref);
        }
        if (type.equals("ping")) {
            return new Inbound.Ping(ref);
        }
        return new Inbound.Invalid(ErrorCode.BAD_REQUEST, "unknown type", ref);
    }

    /** Walks past a nested value; {@code JsonParser.skipArray} can spin forever on unterminated input. */
    private static void skip(JsonParser parser, Event value) {
        if (value != Event.START_OBJECT && value != Event.START_ARRAY) {
            return;
        }
        // the frame's own object is level 1, so this value is level 2
        int depth = 2;
        while (depth > 1) {
            Event event = parser.next();
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                if (++depth > MAX_DEPTH) {
                    throw new TooDeep();
                }
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
        }
    }

    /** Whether every surrogate in {@code s} is one half of a pair. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Thrown when a value nests deeper than {@link #MAX_DEPTH}. */
    static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super("nested deeper than " + MAX_DEPTH, null, false, false);
        }
    }
}
