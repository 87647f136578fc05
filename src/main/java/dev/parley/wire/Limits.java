package dev.parley.wire;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The node's limits a client should respect, sent in every welcome so a client need not hard-code them.
 *
 * @param textMax   longest message {@code text}, in code points ({@code parley.text.max})
 * @param dataMax   largest message {@code data}, in bytes of its compact UTF-8 JSON ({@code parley.data.max})
 * @param frameMax  largest text frame, in UTF-16 units ({@code parley.frame.max})
 * @param rateLimit frames per second one connection may send ({@code parley.rate.limit})
 * @param rateBurst frames one connection may send at once ({@code parley.rate.burst})
 */
@JsonbPropertyOrder({"textMax", "dataMax", "frameMax", "rateLimit", "rateBurst"})
public record Limits(int textMax, int dataMax, int frameMax, int rateLimit, int rateBurst) {
}
