package dev.parley.wire;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;
import java.util.NoSuchElementException;

/** Turns frames into JSON text ({@link FrameWriter}) and client frames back ({@link InboundReader}). Thread-safe. */
public final class FrameCodec {
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
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                return notAnObject();
            }
            Inbound frame = InboundReader.read(parser);
            // text after the object (a second frame, garbage) makes the whole frame invalid
            return parser.hasNext() ? notAnObject() : frame;
        } catch (JsonException | IllegalStateException | NoSuchElementException | InboundReader.TooDeep e) {
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
