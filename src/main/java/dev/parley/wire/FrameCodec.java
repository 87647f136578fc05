package dev.parley.wire;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.yasson.YassonJsonb;

/** Turns frames into JSON text and back: JSON-B reads them, {@link FrameWriter} writes them. Thread-safe. */
public final class FrameCodec {
    private static final YassonJsonb JSONB = (YassonJsonb) JsonbBuilder.create(
            new JsonbConfig().withDeserializers(new InboundDeserializer()));
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private FrameCodec() {
    }

    public static String encode(ServerFrame frame) {
        return FrameWriter.write(frame);
    }

    /** Never throws: anything but one JSON object comes back as {@link Inbound.Invalid}. */
    public static Inbound decode(String text) {
        if (!startsLikeObject(text)) {
            return notAnObject();
        }
        // Our own parser, so that text after the object can be refused: Yasson's stops at the object's end.
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            Inbound frame = JSONB.fromJson(parser, Inbound.class);
            return frame == null || parser.hasNext() ? notAnObject() : frame;
        } catch (JsonbException | JsonException | IllegalStateException | NoSuchElementException
                 | InboundDeserializer.TooDeep e) {
            return notAnObject();
        }
    }

    private static boolean startsLikeObject(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static Inbound notAnObject() {
        return new Inbound.Invalid(ErrorCode.BAD_JSON, "a frame must be one JSON object", null);
    }
}
