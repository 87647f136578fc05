package dev.parley.client;

import java.util.List;

/** Every field any server frame has, as JSON-B reads it; {@link Frames} turns it into the frame its type names. */
record WireFrame(String type, String id, String room, String from, String to, String text, String ts, String ref,
                 String user, List<String> members, Integer memberCount, Integer pending, List<WireFrame> history,
                 Boolean recovered, String status, String code, String message) {

    Frame toFrame() {
        return switch (type == null ? "" : type) {
            case "welcome" -> new Welcome(room, user, members, orZero(memberCount), orZero(pending),
                    history == null ? null : history.stream().map(WireFrame::toMessage).toList(), recovered);
            case "message" -> toMessage();
            case "join", "leave" -> new Presence("join".equals(type), room, user, ts);
            case "ack" -> new Ack(ref, id, status);
            case "error" -> new ServerError(code, message, ref);
            case "pong" -> new Pong(ref);
            case "" -> throw new MalformedFrameException("a frame without a type");
            default -> new OtherFrame(type);
        };
    }

    private Message toMessage() {
        if (id == null || text == null) {
            throw new MalformedFrameException("a message without an id or a text");
        }
        return new Message(id, room, from, to, text, ts, ref);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
