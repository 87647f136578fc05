package dev.parley.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/** Reads server frames and writes client frames, with JSON-B. Thread-safe. */
final class Frames {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Frames() {
    }

    /** The frame {@code json} holds; throws {@link MalformedFrameException} for anything else. */
    static Frame read(String json) {
        WireFrame wire;
        try {
            wire = JSONB.fromJson(json, WireFrame.class);
        } catch (JsonbException e) {
            throw new MalformedFrameException("not a frame: " + abbreviate(json), e);
        }
        if (wire == null) {
            throw new MalformedFrameException("not a frame: " + abbreviate(json));
        }
        return wire.toFrame();
    }

    static String write(Outgoing frame) {
        return JSONB.toJson(frame);
    }

    private static String abbreviate(String json) {
        return json.length() > 80 ? json.substring(0, 80) + "..." : json;
    }
}
