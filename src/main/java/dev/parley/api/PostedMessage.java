package dev.parley.api;

import dev.parley.wire.Names;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.yasson.YassonJsonb;

/**
 * The body of a {@code POST .../messages}: {@code {"text":"...","data":{...},"from":"..."}}, with text or
 * data or both; {@code text} or {@code data} is null when absent. Other fields are ignored, as a client
 * ignores fields it does not know. The text and data rules are the caller's (it has the configured limits).
 */
record PostedMessage(String text, JsonObject data, String from) {

    /** A message of text only. */
    PostedMessage(String text, String from) {
        this(text, null, from);
    }

    private static final YassonJsonb JSONB = (YassonJsonb) JsonbBuilder.create();
    /** One factory for every request: {@code Json.createParser} looks its provider up again at each call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    /** As for frames (docs/protocol.md). */
    private static final int MAX_DEPTH = 32;

    /**
     * Reads one JSON object with JSON-B as JSON-P values, then checks the fields' types (a field set to
     * {@code null} counts as absent, as in frames) and {@code from}'s name rule.
     *
     * @throws ApiProblem 400 {@code bad_json} or {@code bad_request}
     */
    static PostedMessage parse(String body) {
        JsonObject fields = object(body);
        JsonValue text = present(fields.get("text"));
        JsonValue data = present(fields.get("data"));
        JsonValue from = fields.get("from");
        if (data != null && !(data instanceof JsonObject)) {
            throw new ApiProblem(400, "bad_request", "data must be a JSON object");
        }
        if (text == null && data == null) {
            throw new ApiProblem(400, "bad_request", "a message needs text or data");
        }
        if (text != null && !(text instanceof JsonString)) {
            throw new ApiProblem(400, "bad_request", "text must be a string");
        }
        if (!(from instanceof JsonString name) || !Names.isValid(name.getString())) {
            throw new ApiProblem(400, "bad_request", "from must be a valid name: 1 to " + Names.MAX_LENGTH
                    + " letters, digits, _, - or .");
        }
        return new PostedMessage(text == null ? null : ((JsonString) text).getString(), (JsonObject) data,
                Names.normalized(name.getString()));
    }

    /** {@code value}, or null when it is absent or JSON {@code null}: a field set to null counts as absent. */
    static JsonValue present(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    /** The body as one JSON object; shared with the other bodies of the API. */
    static JsonObject object(String body) {
        if (!body.strip().startsWith("{") || tooDeep(body)) {
            throw notAnObject();
        }
        // our own parser, so that text after the object is refused: Yasson's stops at the object's end
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            JsonObject fields = JSONB.fromJson(parser, JsonObject.class);
            if (fields == null || parser.hasNext()) {
                throw notAnObject();
            }
            return fields;
        } catch (JsonbException | JsonException | IllegalStateException | NoSuchElementException e) {
            throw notAnObject();
        }
    }

    /**
     * Whether the body nests deeper than the frames may: checked on the streaming parser first, since
     * binding recurses once per level.
     */
    private static boolean tooDeep(String body) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            int depth = 0;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        return true;
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
            return false;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return true;
        }
    }

    private static ApiProblem notAnObject() {
        return new ApiProblem(400, "bad_json", "the body must be one JSON object, nested at most " + MAX_DEPTH
                + " levels deep");
    }
}
