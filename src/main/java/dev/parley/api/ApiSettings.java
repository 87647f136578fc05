package dev.parley.api;

import dev.parley.wire.TextRule;
import java.time.Duration;
import java.util.List;

/**
 * The API's settings (the README lists them).
 *
 * @param keys           {@code parley.api.key}: the keys accepted as {@code Authorization: Bearer}; empty asks none
 * @param textRule       the text rule of messages, with {@code parley.text.max}
 * @param maxBodyBytes   {@code parley.frame.max}: the largest body taken, in bytes
 * @param rate           {@code parley.api.rate}: calls per second one caller may make
 * @param burst          {@code parley.api.burst}: calls one caller may make at once
 * @param idempotencyTtl {@code parley.api.idempotency.ttl}: how long an {@code Idempotency-Key}'s answer is kept
 */
public record ApiSettings(List<String> keys, TextRule textRule, int maxBodyBytes, int rate, int burst,
                          Duration idempotencyTtl) {
}
