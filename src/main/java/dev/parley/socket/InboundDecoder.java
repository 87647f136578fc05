package dev.parley.socket;

import dev.parley.wire.FrameCodec;
import dev.parley.wire.Inbound;
import jakarta.websocket.Decoder;

/** Decodes every client text frame; a malformed one becomes {@link Inbound.Invalid}, never an exception. */
public final class InboundDecoder implements Decoder.Text<Inbound> {

    @Override
    public Inbound decode(String text) {
        return FrameCodec.decode(text);
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
