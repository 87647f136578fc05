package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
/** A refused frame; the connection stays open. */
@JsonbPropertyOrder({"type", "code", "message", "ref"})
public record ErrorFrame(String type, String code, String message, String ref) implements ServerFrame {

    public static ErrorFrame of(ErrorCode code, String message, String ref) {
        return new ErrorFrame("error", code.wire(), message, ref);
    }
}
