package dev.parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The browser client library's plain parts (pending sends and their timeouts,
 * ids seen, limits, backoff, what a room or user passes on from the frames it
 * gets) checked by {@code src/test/js/client.test.mjs} under Node's own test runner.
 */
class ClientModulesTest {

    @Test
    void theLibrarysUnitTestsPassUnderNode() throws IOException, InterruptedException {
        Process node;
        try {
            node = new ProcessBuilder("node", "--test", "src/test/js/client.test.mjs")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            fail("node was not found: the browser client library's unit tests run under Node.js."
                    + " Install Node.js 20 or newer and run the build again. (" + e.getMessage() + ")");
            return;
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(2, TimeUnit.MINUTES), "node --test did not finish");
        assertEquals(0, node.exitValue(), () -> "the client library's unit tests failed:\n" + out);
        assertTrue(out.contains("# pass ") && !out.contains("# pass 0"), () -> "no test ran:\n" + out);
    }
}
