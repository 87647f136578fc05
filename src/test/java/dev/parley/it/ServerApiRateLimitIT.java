package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The API's rate limit: past a caller's burst, 429 with Retry-After. */
public class ServerApiRateLimitIT extends ParleyIT {
    /** Far more calls than the burst and what one second refills: the limit must bite before them. */
    private static final int MOST_CALLS = 200;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.api.rate", "1", "parley.api.burst", "5"));
    }

    @Test
    void pastTheBurstACallIs429WithRetryAfter() {
        ApiCalls api = new ApiCalls(base, null);
        HttpResponse<String> refused = null;
        int admitted = 0;
        for (int i = 0; i < MOST_CALLS && refused == null; i++) {
            HttpResponse<String> response = api.post("api/rooms/limited/messages",
                    "{\"text\":\"m" + i + "\",\"from\":\"ci\"}");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertEquals(201, response.statusCode(), response::body);
                admitted++;
            }
        }
        assertNotNull(refused, "no 429 in " + MOST_CALLS + " calls");
        assertTrue(admitted >= 5, "the burst is admitted: " + admitted);
        assertEquals("rate_limited", ApiCalls.json(refused).getString("error"));
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        HttpResponse<String> openApi = api.get("api/openapi.json");
        assertEquals(200, openApi.statusCode(), "the description is not rate limited");
    }
}
