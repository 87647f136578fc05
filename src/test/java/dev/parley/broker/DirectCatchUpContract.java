package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's catch-up after a {@code since} id: every retained message after it, or the pending ones. */
public abstract class DirectCatchUpContract extends BrokerContract {
    private static final int INBOX = 4;

    @Override
    protected int inboxSize() {
        return INBOX;
    }

    protected static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    /** Sends a message to an online bob and writes it to his connection. */
    protected DirectMessage sendAndDeliver(String text) {
        DirectMessage m = users.send("alice", "bob", text).message();
        users.delivered("bob", m.seq());
        return m;
    }

    /** m1 and m2 delivered to a connection, m3 and m4 stored while bob was offline. */
    protected List<DirectMessage> deliveredThenStored() {
        List<DirectMessage> sent = new ArrayList<>();
        users.online("bob");
        sent.add(sendAndDeliver("m1"));
        sent.add(sendAndDeliver("m2"));
        users.offline("bob");
        sent.add(users.send("alice", "bob", "m3").message());
        sent.add(users.send("alice", "bob", "m4").message());
        return sent;
    }

    @Test
    public void returnsEveryRetainedMessageAfterTheIdDeliveredOrNot() {
        List<DirectMessage> sent = deliveredThenStored();
        Replay<DirectMessage> replay = users.catchUp("bob", sent.get(0).id());
        assertEquals(List.of("m2", "m3", "m4"), texts(replay));
        assertEquals(Boolean.TRUE, replay.recovered());
        assertEquals(4, replay.covered());
    }

    @Test
    public void marksNothingDelivered() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= INBOX; i++) {
            ids.add(users.send("alice", "bob", "m" + i).message().id());
        }
        assertEquals(List.of("m3", "m4"), texts(users.catchUp("bob", ids.get(1))));
        assertEquals(List.of("m1", "m2", "m3", "m4"), texts(users.pending("bob")),
                "pending until written to a connection");
        users.delivered("bob", 3);
        users.delivered("bob", 4);
        assertEquals(List.of("m1", "m2"), texts(users.pending("bob")));
    }

    @Test
    public void sinceTheNewestReturnsNothingRecovered() {
        List<DirectMessage> sent = deliveredThenStored();
        Replay<DirectMessage> replay = users.catchUp("bob", sent.get(3).id());
        assertEquals(List.of(), replay.messages());
        assertEquals(Boolean.TRUE, replay.recovered());
        assertEquals(4, replay.covered());
    }

    @Test
    public void anUnknownIdGivesThePendingMessagesNotRecovered() {
        List<DirectMessage> sent = deliveredThenStored();
        String newest = sent.get(3).id();
        String beyond = newest.substring(0, newest.lastIndexOf('-') + 1) + "99";
        Replay<DirectMessage> replay = users.catchUp("bob", beyond);
        assertEquals(List.of("m3", "m4"), texts(replay));
        assertEquals(Boolean.FALSE, replay.recovered());
        assertEquals(4, replay.covered());
        assertEquals(List.of("m3", "m4"), texts(users.pending("bob")), "still pending: nothing was written yet");
    }

    @Test
    public void aMalformedIdGivesThePendingMessagesNotRecovered() {
        deliveredThenStored();
        Replay<DirectMessage> replay = users.catchUp("bob", "not-an-id");
        assertEquals(List.of("m3", "m4"), texts(replay));
        assertEquals(Boolean.FALSE, replay.recovered());
    }

    @Test
    public void anEvictedIdGivesThePendingMessagesNotRecovered() {
        List<DirectMessage> sent = deliveredThenStored();
        users.online("bob");
        sendAndDeliver("m5"); // the inbox holds 4: m1 goes
        sendAndDeliver("m6"); // and m2
        users.offline("bob");
        Replay<DirectMessage> replay = users.catchUp("bob", sent.get(0).id());
        assertEquals(List.of("m3", "m4"), texts(replay));
        assertEquals(Boolean.FALSE, replay.recovered());
        assertEquals(4, replay.covered(), "covered up to the newest pending message");
    }

    @Test
    public void theNewestEvictedIdStillRecovers() {
        List<DirectMessage> sent = deliveredThenStored();
        users.online("bob");
        users.send("alice", "bob", "m5"); // m1 goes; everything after it is kept
        Replay<DirectMessage> replay = users.catchUp("bob", sent.get(0).id());
        assertEquals(List.of("m2", "m3", "m4", "m5"), texts(replay));
        assertEquals(Boolean.TRUE, replay.recovered());
        assertEquals(5, replay.covered());
    }
}
