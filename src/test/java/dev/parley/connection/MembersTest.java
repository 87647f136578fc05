package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MembersTest {
    private final Hub hub = Hubs.policy().connections(100_000, 100_000).hub();

    private List<Connection> connections(int n) {
        List<Connection> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(hub.open(new FakeTransport(), EndpointKind.ROOM, null, null));
        }
        return made;
    }

    @Test
    void theListIsTheSameUntilTheSetChangesAndThenHoldsWhatTheSetHolds() {
        Members members = new Members();
        List<Connection> c = connections(3);
        members.add(c.get(0));
        members.add(c.get(1));
        List<Connection> first = members.list();
        assertEquals(Set.of(c.get(0), c.get(1)), new HashSet<>(first));
        assertSame(first, members.list(), "unchanged: no new list");

        assertFalse(members.add(c.get(1)), "already there: no change");
        assertSame(first, members.list());

        members.add(c.get(2));
        members.remove(c.get(0));
        List<Connection> second = members.list();
        assertNotSame(first, second);
        assertEquals(Set.of(c.get(1), c.get(2)), new HashSet<>(second));
        assertTrue(members.contains(c.get(2)));
        assertFalse(members.contains(c.get(0)));
        assertEquals(2, members.size());
    }

    @Test
    void aMemberAddedBeforeAnEventIsInTheListThatEventIsFannedOutTo() throws InterruptedException {
        Members members = new Members();
        List<Connection> joining = connections(5_000);
        AtomicInteger published = new AtomicInteger(-1);
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread fanning = new Thread(() -> {
            // the fanning thread: each "event" published after member p joined must reach member p
            while (published.get() < joining.size() - 1 && wrong.get() == null) {
                int p = published.get();
                List<Connection> list = members.list();
                if (p >= 0 && (list.size() < p + 1 || !list.contains(joining.get(p)))) {
                    wrong.set("member " + p + " joined before the event but was not in its list of " + list.size());
                }
            }
        });
        fanning.start();
        for (int i = 0; i < joining.size(); i++) {
            members.add(joining.get(i));
            published.set(i);
        }
        fanning.join(30_000);
        assertEquals(null, wrong.get());
        assertEquals(joining.size(), members.list().size());
    }
}
