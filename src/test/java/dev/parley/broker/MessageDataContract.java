package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message's {@code data} is kept and relayed as it was accepted, wherever the broker keeps it: the
 * room's stream and history, a user's stream, inbox and what is retained for catch-up.
 */
public abstract class MessageDataContract extends BrokerContract {
    /** Values a careless store would change: big and exact numbers, empty object and array, escapes. */
    protected static final JsonObject DATA = json("{\"kind\":\"order\",\"id\":12345678901234567890,"
            + "\"price\":0.10,\"tiny\":1E-400,\"empty\":{},\"none\":[],\"nil\":null,\"ok\":true,"
            + "\"note\":\"a \\\"quote\\\", a \\\\ and a /, 李 😀\\n\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}]}");

    protected static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    public void aRoomMessageWithDataIsPublishedStreamedAndKeptAsSent() {
        Received<RoomEvent> got = new Received<>();
        rooms.subscribe("lobby", got);
        RoomMessage sent = rooms.publish("lobby", "alice", "see order", DATA, new Origin("c1", "r1"));
        assertEquals(DATA, sent.data());
        assertEquals("see order", sent.text());
        RoomMessage streamed = (RoomMessage) got.await(1).get(0);
        assertEquals(sent, streamed);
        assertEquals(DATA.toString(), streamed.data().toString(), "the same JSON text, digit for digit");

        RoomSnapshot snapshot = rooms.snapshot("lobby", null, 10);
        assertEquals(List.of(sent), snapshot.history().messages());
    }

    @Test
    public void aRoomMessageOfDataOnlyHasNoText() {
        RoomMessage before = rooms.publish("lobby", "alice", "before", new Origin("c1", null));
        RoomMessage sent = rooms.publish("lobby", "bot", null, DATA, new Origin("api", null));
        assertNull(sent.text());
        Replay<RoomMessage> after = rooms.snapshot("lobby", before.id(), 10).history();
        assertEquals(Boolean.TRUE, after.recovered());
        assertEquals(List.of(sent), after.messages());
        assertNull(after.messages().get(0).text());
        assertEquals(DATA, after.messages().get(0).data());
    }

    @Test
    public void aRoomMessageWithoutDataHasNone() {
        rooms.publish("lobby", "alice", "plain", new Origin("c1", null));
        assertNull(rooms.snapshot("lobby", null, 10).history().messages().get(0).data());
    }

    @Test
    public void aDirectMessageWithDataIsStreamedToAnOnlineUserAsSent() {
        Received<DirectMessage> live = new Received<>();
        users.subscribe("bob", live);
        users.online("bob");
        UserBus.Sent sent = users.send("alice", "bob", null, DATA);
        assertEquals(DATA, sent.message().data());
        assertNull(sent.message().text());
        assertEquals(List.of(sent.message()), live.await(1));
        assertEquals(DATA.toString(), live.events().get(0).data().toString());
    }

    @Test
    public void aDirectMessageWithDataWaitsInTheInboxAndIsCaughtUpAsSent() {
        DirectMessage first = users.send("alice", "bob", "plain").message();
        DirectMessage withData = users.send("alice", "bob", "with data", DATA).message();
        DirectMessage dataOnly = users.send("alice", "bob", null, json("{\"n\":1}")).message();
        assertEquals(List.of(first, withData, dataOnly), users.pending("bob").messages());
        assertNull(users.pending("bob").messages().get(0).data());

        users.online("bob");
        for (DirectMessage m : List.of(first, withData, dataOnly)) {
            users.delivered("bob", m.seq());
        }
        Replay<DirectMessage> caughtUp = users.catchUp("bob", first.id());
        assertEquals(Boolean.TRUE, caughtUp.recovered());
        assertEquals(List.of(withData, dataOnly), caughtUp.messages());
        assertEquals(DATA, caughtUp.messages().get(0).data());
        assertEquals(json("{\"n\":1}"), caughtUp.messages().get(1).data());
        assertNull(caughtUp.messages().get(1).text());
    }
}
