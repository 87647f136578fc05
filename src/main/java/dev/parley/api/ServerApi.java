package dev.parley.api;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.InboxFullException;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.UserBus;
import dev.parley.direct.Users;
import dev.parley.room.Rooms;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.TextRule;
import dev.parley.wire.Timestamps;
import java.util.List;
import java.util.function.Supplier;

/** What the API does, on the same rules and broker as the WebSocket endpoints; HTTP stays in the servlet. */
final class ServerApi {
    private final Rooms rooms;
    private final Users users;
    private final TextRule textRule;

    ServerApi(Rooms rooms, Users users, TextRule textRule) {
        this.rooms = rooms;
        this.users = users;
        this.textRule = textRule;
    }

    ApiReplies.Posted postToRoom(String room, PostedMessage message) {
        checkContent(message);
        RoomMessage posted = broker(() -> rooms.post(room, message.from(), message.text(), message.data()));
        return new ApiReplies.Posted(posted.id(), Timestamps.format(posted.ts()));
    }

    ApiReplies.Sent sendToUser(String user, PostedMessage message) {
        checkContent(message);
        try {
            UserBus.Sent sent = broker(() -> users.post(message.from(), user, message.text(), message.data()));
            return new ApiReplies.Sent(sent.message().id(), sent.delivered() ? "delivered" : "stored");
        } catch (InboxFullException e) {
            throw new ApiProblem(409, "inbox_full", user + "'s inbox is full; nothing was stored");
        }
    }

    ApiReplies.Presence presence(String room) {
        RoomSnapshot snapshot = broker(() -> rooms.look(room, null));
        return new ApiReplies.Presence(room, snapshot.roster().names(), snapshot.roster().count());
    }

    /** The newest kept messages, up to the query's limit, after its {@code since} when given. */
    ApiReplies.History history(String room, HistoryQuery query) {
        RoomSnapshot snapshot = broker(() -> rooms.look(room, query.since()));
        List<RoomMessage> kept = snapshot.history().messages();
        if (query.limit() != null && kept.size() > query.limit()) {
            kept = kept.subList(kept.size() - query.limit(), kept.size());
        }
        List<MessageFrame> frames = kept.stream().map(m -> MessageFrame.room(m.id(), m.room(), m.from(), m.text(),
                m.data(), Timestamps.format(m.ts()), null)).toList();
        return new ApiReplies.History(room, frames, snapshot.history().recovered());
    }

    private void checkContent(PostedMessage message) {
        ErrorFrame refused = textRule.check(message.text(), message.data(), null).orElse(null);
        if (refused != null) {
            throw new ApiProblem(400, refused.code(), refused.message());
        }
    }

    private static <T> T broker(Supplier<T> call) {
        try {
            return call.get();
        } catch (BrokerUnavailableException e) {
            throw new ApiProblem(503, "unavailable", "the broker cannot take this now; nothing was accepted, try again");
        }
    }
}
