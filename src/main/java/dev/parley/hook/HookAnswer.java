package dev.parley.hook;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the publish hook's answer: {@code {"result":"accept"}}, optionally with a new {@code text} and
 * {@code data}, or {@code {"result":"refuse","code":"...","message":"..."}}.
 */
final class HookAnswer {
    /** One factory for every answer: {@code Json.createParser} looks its provider up again at each call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    /** A code the hook may give the sender: anything else becomes {@code forbidden}. */
    private static final Pattern SAFE_CODE = Pattern.compile("[a-z_]{1,32}");
    private static final String DEFAULT_CODE = "forbidden";
    private static final String DEFAULT_MESSAGE = "the message was refused";
    private static final int MESSAGE_MAX = 200;

    private HookAnswer() {
    }

    /**
     * The verdict on {@code request}.
     *
     * @throws UnreadableAnswer when the body is not one JSON object with a known {@code result}, or a
     *                          field of the wrong type
     */
    static HookVerdict read(String body, HookRequest request) {
        JsonObject answer = object(body);
        String result = string(answer, "result");
        if ("accept".equals(result)) {
            String text = string(answer, "text");
            JsonObject data = request.data();
            if (answer.containsKey("data")) {
                JsonValue value = answer.get("data");
                if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                    data = value.asJsonObject();
                } else if (value.getValueType() == JsonValue.ValueType.NULL) {
                    data = null;
                } else {
                    throw new UnreadableAnswer("data must be an object");
                }
            }
            return new HookVerdict.Accept(text == null ? request.text() : text, data);
        }
        if ("refuse".equals(result)) {
            String code = string(answer, "code");
            String message = string(answer, "message");
            return new HookVerdict.Refuse(code != null && SAFE_CODE.matcher(code).matches() ? code : DEFAULT_CODE,
                    message == null || message.isBlank() ? DEFAULT_MESSAGE : shortened(message));
        }
        throw new UnreadableAnswer("result must be accept or refuse");
    }

    /** {@code accept}, {@code changed} or {@code refuse}: what the hook did with the message, for metrics. */
    static String result(HookVerdict verdict, HookRequest request) {
        if (verdict instanceof HookVerdict.Accept accept) {
            return Objects.equals(accept.text(), request.text()) && Objects.equals(accept.data(), request.data())
                    ? "accept" : "changed";
        }
        return "refuse";
    }

    private static JsonObject object(String body) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            if (parser.hasNext() && parser.next() == JsonParser.Event.START_OBJECT) {
                JsonObject answer = parser.getObject();
                if (!parser.hasNext()) {
                    return answer;
                }
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            // reported below
        }
        throw new UnreadableAnswer("not one JSON object");
    }

    /** The field's string, or null when it is absent or JSON null. */
    private static String string(JsonObject answer, String field) {
        JsonValue value = answer.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new UnreadableAnswer(field + " must be a string");
    }

    private static String shortened(String message) {
        return message.codePointCount(0, message.length()) <= MESSAGE_MAX ? message
                : message.substring(0, message.offsetByCodePoints(0, MESSAGE_MAX));
    }

    /** The hook answered something Parley cannot read. */
    static final class UnreadableAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadableAnswer(String why) {
            super(why, null, false, false);
        }
    }
}
