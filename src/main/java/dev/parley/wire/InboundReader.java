package dev.parley.wire;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;

/**
 * Reads a client frame in one pass, strictly: known fields must be strings ({@code data} a JSON object, built
 * as JSON-P values), unknown fields are skipped without being built. A frame that is valid JSON but not a
 * valid frame is answered with {@link Inbound.Invalid}; JSON that is not well formed, or nested deeper than
 * {@link #MAX_DEPTH}, throws (the parser's exceptions, {@link TooDeep}). Straight on the JSON-P parser: a
 * client frame's few fields need no binding, and every frame a node receives comes through here.
 */
final class InboundReader {
    static final int MAX_REF_LENGTH = 64;
    /** Frames nested deeper than this many levels (the frame's object is level 1) are refused: none needs it. */
    static final int MAX_DEPTH = 32;
    private static final JsonProvider JSON = JsonProvider.provider();

    private InboundReader() {
    }

    /** The frame whose object the parser has just started ({@code START_OBJECT} was its last event). */
    static Inbound read(JsonParser parser) {
        String frameType = null;
        String text = null;
        String to = null;
        String ref = null;
        String token = null;
        JsonObject data = null;
        String wrongField = null;
        while (true) {
            Event event = parser.next();
            if (event == Event.END_OBJECT) {
                break;
            }
            String key = parser.getString();
            Event value = parser.next();
            switch (key) {
                case "data" -> {
                    if (value == Event.VALUE_NULL) {
                        continue;
                    }
                    if (value != Event.START_OBJECT) {
                        skip(parser, value);
                        wrongField = wrongField == null ? key : wrongField;
                        continue;
                    }
                    Unsendable unsendable = new Unsendable();
                    // the frame's own object is level 1, so data is level 2
                    JsonObject read = object(parser, 2, unsendable);
                    if (unsendable.found) {
                        wrongField = wrongField == null ? key : wrongField;
                        continue;
                    }
                    data = read;
                }
                case "type", "text", "to", "ref", "token" -> {
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
                        case "token" -> token = s;
                        default -> ref = s;
                    }
                }
                default -> skip(parser, value);
            }
        }
        if ("auth".equals(frameType) && wrongField == null) {
            return token == null || token.isEmpty()
                    ? new Inbound.Invalid(ErrorCode.BAD_REQUEST, "an auth frame needs a token", ref)
                    : new Inbound.Auth(token);
        }
        return frame(frameType, text, data, to, ref, token, wrongField);
    }

    private static Inbound frame(String type, String text, JsonObject data, String to, String ref, String token,
                                 String wrongField) {
        if (ref != null && ref.length() > MAX_REF_LENGTH) {
            return new Inbound.Invalid(ErrorCode.BAD_REQUEST, "ref is longer than " + MAX_REF_LENGTH + " characters", null);
        }
        if (wrongField != null) {
            String what = wrongField.equals("data") ? "a JSON object" : "a string";
            return new Inbound.Invalid(ErrorCode.BAD_REQUEST, wrongField + " must be " + what + " of valid Unicode",
                    ref);
        }
        if (type == null || type.equals("message")) {
            if (text == null && data == null) {
                return new Inbound.Invalid(ErrorCode.BAD_REQUEST, "a message needs text or data", ref);
            }
            return new Inbound.Message(text, data, to, ref);
        }
        if (type.equals("token")) {
            if (token == null || token.isEmpty()) {
                return new Inbound.Invalid(ErrorCode.BAD_REQUEST, "a token frame needs a token", ref);
            }
            return new Inbound.Token(token, ref);
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

    /**
     * Builds the object whose {@code START_OBJECT} was just read, at nesting level {@code depth}, as JSON-P
     * values: numbers keep their decimal digits. Strings that cannot be sent on are noted in {@code unsendable}.
     */
    private static JsonObject object(JsonParser parser, int depth, Unsendable unsendable) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
            String name = unsendable.check(parser.getString());
            object.add(name, value(parser, parser.next(), depth, unsendable));
        }
        return object.build();
    }

    private static JsonArray array(JsonParser parser, int depth, Unsendable unsendable) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
            array.add(value(parser, event, depth, unsendable));
        }
        return array.build();
    }

    /** The value whose first event was just read, inside a container at level {@code depth}. */
    private static JsonValue value(JsonParser parser, Event event, int depth, Unsendable unsendable) {
        return switch (event) {
            case START_OBJECT -> object(parser, deeper(depth), unsendable);
            case START_ARRAY -> array(parser, deeper(depth), unsendable);
            case VALUE_STRING -> JSON.createValue(unsendable.check(parser.getString()));
            case VALUE_NUMBER -> number(parser, unsendable);
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            default -> JsonValue.NULL;
        };
    }

    /** The number just read, or null (and noted) when its exponent is beyond a Java decimal's. */
    private static JsonValue number(JsonParser parser, Unsendable unsendable) {
        try {
            return JSON.createValue(parser.getBigDecimal());
        } catch (NumberFormatException | ArithmeticException e) {
            unsendable.found = true;
            return JsonValue.NULL;
        }
    }

    private static int deeper(int depth) {
        if (depth + 1 > MAX_DEPTH) {
            throw new TooDeep();
        }
        return depth + 1;
    }

    /** Whether a value read had something Parley cannot send on: an unpaired surrogate, or a number it cannot hold. */
    private static final class Unsendable {
        private boolean found;

        String check(String s) {
            found |= !wellFormed(s);
            return s;
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
