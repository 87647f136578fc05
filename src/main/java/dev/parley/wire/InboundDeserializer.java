package dev.parley.wire;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads a client frame in one pass, strictly: known fields must be strings, unknown fields are skipped
 * without being built. Never throws for a bad frame; it answers {@link Inbound.Invalid} instead.
 */
final class InboundDeserializer implements JsonbDeserializer<Inbound> {
    static final int MAX_REF_LENGTH = 64;
    /** Frames nested deeper than this many levels (the frame's object is level 1) are refused: none needs it. */
    static final int MAX_DEPTH = 32;
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    @Override
    public Inbound deserialize(JsonParser parser, DeserializationContext context, Type type) {
        String frameType = null;
        String text = null;
        String to = null;
        String ref = null;
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
                    // the frame's own object is level 1, so data is level 2
                    Data read = readObject(parser, 2);
                    if (read.malformed) {
                        wrongField = wrongField == null ? key : wrongField;
                        continue;
                    }
                    data = read.object;
                }
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
        return frame(frameType, text, data, to, ref, wrongField);
    }

    private static Inbound frame(String type, String text, JsonObject data, String to, String ref, String wrongField) {
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
     * Builds the object whose {@code START_OBJECT} was just read, at nesting level {@code depth}, as
     * JSON-P values: numbers keep their decimal digits. Returns it flagged malformed, read to its end, when a
     * name or string has an unpaired surrogate.
     */
    private static Data readObject(JsonParser parser, int depth) {
        Data out = new Data();
        JsonObjectBuilder object = BUILDERS.createObjectBuilder();
        while (true) {
            Event event = parser.next();
            if (event == Event.END_OBJECT) {
                out.object = object.build();
                return out;
            }
            String name = parser.getString();
            out.malformed |= !wellFormed(name);
            Event value = parser.next();
            switch (value) {
                case START_OBJECT -> {
                    Data nested = readObject(parser, deeper(depth));
                    out.malformed |= nested.malformed;
                    object.add(name, nested.object);
                }
                case START_ARRAY -> object.add(name, readArray(parser, deeper(depth), out));
                case VALUE_STRING -> {
                    out.malformed |= !wellFormed(parser.getString());
                    object.add(name, parser.getString());
                }
                case VALUE_NUMBER -> {
                    BigDecimal number = number(parser, out);
                    if (number != null) {
                        object.add(name, number);
                    }
                }
                case VALUE_TRUE -> object.add(name, true);
                case VALUE_FALSE -> object.add(name, false);
                default -> object.addNull(name);
            }
        }
    }

    private static JsonArrayBuilder readArray(JsonParser parser, int depth, Data out) {
        JsonArrayBuilder array = BUILDERS.createArrayBuilder();
        while (true) {
            Event value = parser.next();
            switch (value) {
                case END_ARRAY -> {
                    return array;
                }
                case START_OBJECT -> {
                    Data nested = readObject(parser, deeper(depth));
                    out.malformed |= nested.malformed;
                    array.add(nested.object);
                }
                case START_ARRAY -> array.add(readArray(parser, deeper(depth), out));
                case VALUE_STRING -> {
                    out.malformed |= !wellFormed(parser.getString());
                    array.add(parser.getString());
                }
                case VALUE_NUMBER -> {
                    BigDecimal number = number(parser, out);
                    if (number != null) {
                        array.add(number);
                    }
                }
                case VALUE_TRUE -> array.add(true);
                case VALUE_FALSE -> array.add(false);
                default -> array.addNull();
            }
        }
    }

    /** The number just read, or null (and {@code out} malformed) when its exponent is beyond a Java decimal's. */
    private static BigDecimal number(JsonParser parser, Data out) {
        try {
            return parser.getBigDecimal();
        } catch (NumberFormatException | ArithmeticException e) {
            out.malformed = true;
            return null;
        }
    }

    private static int deeper(int depth) {
        if (depth + 1 > MAX_DEPTH) {
            throw new TooDeep();
        }
        return depth + 1;
    }

    /** An object read from {@code data}, and whether it had a string that cannot be sent on as UTF-8. */
    private static final class Data {
        private JsonObject object;
        private boolean malformed;
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
