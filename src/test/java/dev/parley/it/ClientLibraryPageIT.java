package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Browser;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The client library ({@code js/client/index.js}) used as an embedding page
 * would: imported into a page, against the real server, with Tyrus clients on
 * the other side.
 */
public class ClientLibraryPageIT extends ParleyIT {

    /** Imports the library as {@code lib}, runs {@code body} (which ends with {@code done(result)}), returns the result. */
    private static Object run(Browser browser, String body, Object... args) {
        Object result = browser.scriptAsync("const done = arguments[arguments.length - 1]; const args = arguments;"
                + " import(new URL('js/client/index.js', location.href)).then(async (lib) => { " + body + " })"
                + ".catch((e) => done('failed: ' + e));", args);
        assertTrue(!(result instanceof String s) || !s.startsWith("failed: "), () -> String.valueOf(result));
        return result;
    }

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRoomSendResolvesWithTheCopyEveryMemberGetsAndTheLimitsComeFromTheWelcome() {
        try (Browser browser = Browser.open(); WsClient bob = WsClient.connect(base, "ws/room/library?name=bob")) {
            bob.next("welcome");
            browser.get(base, "index.html");
            Map<String, Object> sent = (Map<String, Object>) run(browser, """
                    const room = new lib.ParleyRoom('library', { name: 'carol' });
                    const welcomed = new Promise((resolve) => room.on('welcome', resolve));
                    room.start();
                    const welcome = await welcomed;
                    const copy = await room.send('hello from the library');
                    room.stop();
                    done({ user: room.user, id: copy.id, from: copy.from, text: copy.text, lastId: room.lastId,
                      textMax: room.limits.textMax, announced: welcome.limits?.textMax ?? 'absent' });
                    """);
            JsonObject seenByBob = bob.next("message");
            assertEquals(seenByBob.getString("id"), sent.get("id"), "the promise resolves with the room's copy");
            assertEquals("carol", sent.get("from"));
            assertEquals("hello from the library", sent.get("text"));
            assertEquals(sent.get("id"), sent.get("lastId"), "the next connection resumes after it");
            Object announced = sent.get("announced");
            assertEquals("absent".equals(announced) ? 4000L : announced, sent.get("textMax"),
                    "the welcome's textMax, or 4000 from a server that does not announce it");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedSendRejectsWithTheServersCodeForItsRefAndAGoodOneResolvesWithItsAck() {
        try (Browser browser = Browser.open()) {
            browser.get(base, "index.html");
            Map<String, Object> outcome = (Map<String, Object>) run(browser, """
                    const user = new lib.ParleyUser('dave');
                    const notConnected = await user.send('erin', 'hi').catch((e) => e.code);
                    const welcomed = new Promise((resolve) => user.on('welcome', resolve));
                    user.start();
                    await welcomed;
                    const refused = await user.send('x'.repeat(256), 'hi').catch((e) => e); // a user id is at most 255 characters
                    const blank = await user.send('erin', '   ').catch((e) => e.code);
                    const ack = await user.send('erin', 'are you there?');
                    user.stop();
                    done({ notConnected, code: refused.code, ref: refused.frame?.ref ?? 'none', name: refused.name,
                      blank, status: ack.status, ackRef: ack.ref });
                    """);
            assertEquals("not_connected", outcome.get("notConnected"));
            assertEquals("bad_request", outcome.get("code"), "the server's error code");
            assertEquals("ParleyError", outcome.get("name"));
            assertTrue(((String) outcome.get("ref")).startsWith("p"), "the error frame carried the send's ref: " + outcome);
            assertEquals("empty", outcome.get("blank"), "blank text is refused before it is sent");
            assertEquals("stored", outcome.get("status"), "erin is offline: the ack says stored");
            assertTrue(!outcome.get("ackRef").equals(outcome.get("ref")), "each send has its own ref: " + outcome);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sinceStartsAfterAGivenIdAndPresenceKeepsTheMembers() {
        try (Browser browser = Browser.open(); WsClient bob = WsClient.connect(base, "ws/room/since?name=bob")) {
            bob.next("welcome");
            String first = say(bob, "one");
            say(bob, "two");
            say(bob, "three");
            browser.get(base, "index.html");
            run(browser, """
                    window.seen = [];
                    window.room = new lib.ParleyRoom('since', { name: 'frank', since: args[0] });
                    room.on('message', (m, info) => seen.push(m.text + (info.replayed ? ' (replayed)' : '')));
                    room.on('presence', (p) => seen.push(p.type + ' ' + p.user + ': ' + [...room.members].sort()));
                    room.on('welcome', () => done('welcomed'));
                    room.start();
                    """, first);
            assertEquals("frank", bob.next("join").getString("user"));
            try (WsClient grace = WsClient.connect(base, "ws/room/since?name=grace")) {
                grace.next("welcome");
                say(bob, "four");
                browser.waitUntil("four arrived", d -> ((List<String>) browser.script("return seen")).contains("four"));
            }
            browser.waitUntil("grace left", d -> ((List<String>) browser.script("return seen")).size() == 5);
            List<String> seen = (List<String>) browser.script("return seen");
            assertEquals(List.of("two (replayed)", "three (replayed)", "join grace: bob,frank,grace", "four",
                    "leave grace: bob,frank"), seen);
            List<String> sockets = browser.webSocketUrls();
            assertTrue(sockets.get(0).endsWith("since=" + first), sockets::toString);
            browser.script("room.stop()");
        }
    }

    private static String say(WsClient client, String text) {
        client.send("{\"text\":\"" + text + "\"}");
        return client.next("message").getString("id");
    }
}
