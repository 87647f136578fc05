package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java class in docs/api.md, compiled from the page as it is and used against a real node. */
public class ApiGuideExampleIT extends ParleyIT {
    private static final String KEY = "guide-example-key-0b5d";
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- the next java block is compiled and run by ApiGuideExampleIT -->\\s*```java\\n(.*?)```",
            Pattern.DOTALL);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.api.key", KEY));
    }

    @Test
    void theGuidesNotifierSendsADirectMessageAndPostsIntoARoom(@TempDir Path dir) throws Exception {
        Object notifier = compiledNotifier(dir);
        Method notifyUser = notifier.getClass().getMethod("notifyUser", String.class, String.class, String.class,
                String.class);
        Method postToRoom = notifier.getClass().getMethod("postToRoom", String.class, String.class, String.class,
                String.class);
        try (WsClient bob = WsClient.connect(base, "ws/user/bob"); WsClient carol = WsClient.connect(base,
                "ws/room/orders?name=carol")) {
            bob.next("welcome");
            carol.next("welcome");

            JsonObject sent = json((String) notifyUser.invoke(notifier, "bob", "shop", "Your order 123 has shipped.",
                    "order-123-shipped"));
            assertEquals("delivered", sent.getString("status"));
            JsonObject heard = bob.next("message");
            assertEquals("shop", heard.getString("from"));
            assertEquals("Your order 123 has shipped.", heard.getString("text"));
            assertEquals(sent.getString("id"), heard.getString("id"));

            JsonObject posted = json((String) postToRoom.invoke(notifier, "orders", "shop", "123 \"shipped\"",
                    "room-123-shipped"));
            JsonObject seen = carol.next("message");
            assertEquals(posted.getString("id"), seen.getString("id"));
            assertEquals("123 \"shipped\"", seen.getString("text"), "the class escapes the text as JSON");

            InvocationTargetException refused = assertThrows(
                    InvocationTargetException.class, () -> notifyUser.invoke(notifier, "bob", "not a name!", "hi",
                            "bad-from"));
            assertTrue(refused.getCause().getMessage().contains("400"), refused.getCause().getMessage());
        }
    }

    private Object compiledNotifier(Path dir) throws Exception {
        Matcher example = EXAMPLE.matcher(Files.readString(Path.of("docs/api.md")));
        assertTrue(example.find(), "docs/api.md has the marked Java example");
        Path source = dir.resolve("ParleyNotifier.java");
        Files.writeString(source, example.group(1));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(),
                "-classpath", System.getProperty("java.class.path"), source.toString());
        assertEquals(0, compiled, "the example compiles");
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader());
        return loader.loadClass("ParleyNotifier").getConstructor(URI.class, String.class)
                .newInstance(base.toURI().resolve("api/"), KEY);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
