package dev.parley.hook;

import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import jakarta.json.JsonObject;

/** What becomes of a client's message: accepted (as sent, or as the hook changed it) or refused. */
public sealed interface HookVerdict {

    /** The message is published with this text and data. */
    record Accept(String text, JsonObject data) implements HookVerdict {
    }

    /** The message is not published; the sender gets an error frame with this code and message. */
    record Refuse(String code, String message) implements HookVerdict {

        static Refuse unavailable() {
            return new Refuse(ErrorCode.UNAVAILABLE.wire(), "the message was not accepted; try again");
        }

        /** The sender's error frame, answering its {@code ref}. */
        public ErrorFrame frame(String ref) {
            return new ErrorFrame("error", code, message, ref);
        }
    }

    /** The message as it was sent. */
    static HookVerdict accept(HookRequest request) {
        return new Accept(request.text(), request.data());
    }
}
