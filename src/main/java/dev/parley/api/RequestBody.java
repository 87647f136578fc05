package dev.parley.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads a POST's body: JSON only (415), at most a limit of bytes (413), valid UTF-8 (400). */
final class RequestBody {

    private RequestBody() {
    }

    /**
     * @param contentType   the request's {@code Content-Type}, or null
     * @param contentLength the declared length, or -1 when not declared (chunked)
     */
    static String read(String contentType, long contentLength, InputStream in, int maxBytes) throws IOException {
        if (!isJson(contentType)) {
            throw new ApiProblem(415, "unsupported_media_type", "the body must be application/json, not "
                    + (contentType == null ? "none" : contentType));
        }
        if (contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        // one byte more than allowed tells a body over the limit without reading all of it
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiProblem(400, "bad_json", "the body is not UTF-8");
        }
    }

    /** {@code application/json}, with parameters such as {@code charset=utf-8} or not, in any case. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static ApiProblem tooLarge(int maxBytes) {
        return new ApiProblem(413, "too_large", "the body is over " + maxBytes + " bytes");
    }
}
