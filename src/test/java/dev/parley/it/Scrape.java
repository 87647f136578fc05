package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Urls;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One reading of {@code /metrics}, parsed from the Prometheus text format. */
final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final String text;

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.add(new Sample(m.group(1), m.group(3) == null ? "" : m.group(3), Double.parseDouble(m.group(4))));
            }
        }
    }

    static Scrape of(URL base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(Urls.http(base, "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            return new Scrape(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sum of every series named {@code name} whose labels include each {@code key="value"} given. */
    double sum(String name, String... labels) {
        double sum = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && hasAll(s.labels(), labels)) {
                sum += s.value();
            }
        }
        return sum;
    }

    /**
     * Waits until the server counts no user online: a client sees its close completed a moment before
     * the server has let go of the connection.
     */
    static void awaitNoUserOnline(URL base) {
        awaitZero(base, "parley_users_online", "users still online");
    }

    /**
     * Waits until the server counts no direct message pending. A message counts as delivered once the
     * client has read it: once its write completed (Tomcat), or once the client's pong confirmed it
     * (Payara), a round trip after the client may already have it. A client that is done the moment it
     * has read a message waits for this before it goes, or its next connection gets the message again.
     */
    static void awaitNothingPending(URL base) {
        awaitZero(base, "parley_inbox_undelivered", "direct messages still pending");
    }

    private static void awaitZero(URL base, String gauge, String what) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (of(base).sum(gauge) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ":\n" + of(base).text());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    String text() {
        return text;
    }

    private static boolean hasAll(String labels, String... wanted) {
        for (String w : wanted) {
            if (!("," + labels + ",").contains("," + w + ",")) {
                return false;
            }
        }
        return true;
    }
}
