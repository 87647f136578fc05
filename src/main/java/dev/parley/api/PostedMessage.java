package dev.parley.api;

import dev.parley.wire.Names;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.yasson.YassonJsonb;

/**
 * The body of a {@code POST .../messages}: {@code {"text":"...","from":"..."}}. Other fields are ignored,
 * as a client ignores fields it does not know. The text rule is the caller's (it has the configured limit).
 */
record PostedMessage(String text, String from) {
    private static final YassonJsonb JSONB = (YassonJsonb) JsonbBuilder.create();
    /** As for frames (docs/protocol.md). */
    private static final int MAX_DEPTH = 32;

    /**
     * Reads one JSON object with JSON-B, its values as Java's (strings as {@code String}), then checks the
     * two fields' types and {@code from}'s name rule.
     *
     * @throws ApiProblem 400 {@code bad_json} or {@code bad_request}
     */
    static PostedMessage parse(String body) {
        Map<?, ?> fields = object(body);
        Object text = fields.get("text");
        Object from = fields.get("from");
        if (!(text instanceof String)) {
            throw new ApiProblem(400, "bad_request", "text must be a string");
        }
        if (!(from instanceof String name) || !Names.isValid(name)) {
            throw new ApiProblem(400, "bad_request", "from must be a valid name: 1 to " + Names.MAX_LENGTH
                    + " letters, digits, _, - or .");
        }
        return new PostedMessage((String) text, name);
    }

    /** The body as one JSON object, its values as Java's; shared with the other bodies of the API. */
    static Map<?, ?> object(String body) {
        if (!body.strip().startsWith("{") || tooDeep(body)) {
            throw notAnObject();
        }
        // our own parser, so that text after the object is refused: Yasson's stops at the object's end
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            Map<?, ?> fields = JSONB.fromJson(parser, Map.class);
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
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
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
