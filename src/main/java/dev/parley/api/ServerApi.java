package dev.parley.api;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Disconnect;
import dev.parley.broker.Disconnects;
import dev.parley.broker.InboxFullException;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomPage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.UserBus;
import dev.parley.direct.Users;
import dev.parley.room.Rooms;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.TextRule;
import dev.parley.wire.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What the API does, on the same rules and broker as the WebSocket endpoints; HTTP stays in the servlet. */
final class ServerApi {
    private final Rooms rooms;
    private final Users users;
    private final Disconnects disconnects;
    private final TextRule textRule;

    ServerApi(Rooms rooms, Users users, Disconnects disconnects, TextRule textRule) {
        this.rooms = rooms;
        this.users = users;
        this.disconnects = disconnects;
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

    /**
     * One message to every target, each on its own: a refusal of one (a full inbox, the broker away) is
     * its result and the others go on. The text and data are checked once, before any is posted.
     */
    ApiReplies.Broadcasted broadcast(Broadcast broadcast) {
        PostedMessage message = broadcast.message();
        checkContent(message);
        List<ApiReplies.TargetResult> results = new ArrayList<>();
        for (String room : broadcast.rooms()) {
            try {
                results.add(ApiReplies.TargetResult.posted(room, postToRoom(room, message)));
            } catch (ApiProblem problem) {
                results.add(ApiReplies.TargetResult.roomRefused(room, problem));
            }
        }
        for (String user : broadcast.users()) {
            try {
                results.add(ApiReplies.TargetResult.sent(user, sendToUser(user, message)));
            } catch (ApiProblem problem) {
                results.add(ApiReplies.TargetResult.userRefused(user, problem));
            }
        }
        return new ApiReplies.Broadcasted(results);
    }

    ApiReplies.Inbox inbox(String user) {
        return new ApiReplies.Inbox(user, broker(() -> users.pending(user)));
    }

    ApiReplies.Rooms rooms(RoomsQuery query) {
        RoomPage page = broker(() -> rooms.active(query.after(), query.limit()));
        return new ApiReplies.Rooms(page.rooms().stream().map(r -> new ApiReplies.RoomCount(r.name(), r.members()))
                .toList(), page.next());
    }

    /** Asks every node to close the user's connections; answered before they have. */
    ApiReplies.Disconnecting disconnect(String user, DisconnectRequest request) {
        broker(() -> disconnects.request(new Disconnect(user, request.code(), request.reason())));
        return new ApiReplies.Disconnecting(user, request.code(), request.reason());
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

    private static void broker(Runnable call) {
        broker(() -> {
            call.run();
            return call;
        });
    }

    private static <T> T broker(Supplier<T> call) {
        try {
            return call.get();
        } catch (BrokerUnavailableException e) {
            throw new ApiProblem(503, "unavailable", "the broker cannot take this now; nothing was accepted, try again");
        }
    }
}
