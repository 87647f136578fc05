package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** The answer to a fresh token: accepted, and when it expires (epoch seconds), or null when it does not. */
@JsonbPropertyOrder({"type", "exp"})
public record TokenFrame(String type, Long exp) implements ServerFrame {

    public static TokenFrame accepted(Instant exp) {
        return new TokenFrame("token", exp == null ? null : exp.getEpochSecond());
    }
}
