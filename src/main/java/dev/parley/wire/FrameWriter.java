package dev.parley.wire;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Writes server frames as JSON with a JSON-P generator, field by field in each record's declared
 * {@code @JsonbPropertyOrder}, leaving out null components: the same text JSON-B gives (FrameWriterTest
 * holds the two side by side). Written out by hand because frames are encoded on the hot path (every room
 * message, direct message, ack and welcome) and JSON-B's generic path costs there: reflection, serializer
 * caches that every thread of the node shares, and a recursion check that hashes each record deeply, a
 * welcome's whole roster and history included, twice. The generator still does the escaping.
 */
final class FrameWriter {
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private FrameWriter() {
    }

    static String write(ServerFrame frame) {
        StringWriter text = new StringWriter(frame instanceof WelcomeFrame ? 512 : 160);
        try (JsonGenerator g = GENERATORS.createGenerator(text)) {
            if (frame instanceof MessageFrame m) {
                message(g.writeStartObject(), m);
            } else if (frame instanceof WelcomeFrame w) {
                welcome(g, w);
            } else {
                g.writeStartObject().write("type", frame.type());
                fields(g, frame);
                g.writeEnd();
            }
        }
        return text.toString();
    }

    /** The fields after {@code type} of the small frames. */
    private static void fields(JsonGenerator g, ServerFrame frame) {
        if (frame instanceof PresenceFrame p) {
            optional(g, "room", p.room());
            optional(g, "user", p.user());
            optional(g, "ts", p.ts());
        } else if (frame instanceof AckFrame a) {
            optional(g, "ref", a.ref());
            optional(g, "id", a.id());
            optional(g, "status", a.status());
        } else if (frame instanceof ErrorFrame e) {
            optional(g, "code", e.code());
            optional(g, "message", e.message());
            optional(g, "ref", e.ref());
        } else if (frame instanceof PongFrame p) {
            optional(g, "ref", p.ref());
        } else if (frame instanceof TokenFrame t) {
            if (t.exp() != null) {
                g.write("exp", t.exp());
            }
        } else if (frame instanceof StatsFrame s) {
            optional(g, "node", s.node());
            g.write("connections", s.connections()).write("rooms", s.rooms()).write("users", s.users())
                    .write("inPerSec", s.inPerSec()).write("outPerSec", s.outPerSec())
                    .write("heapUsedBytes", s.heapUsedBytes()).write("latencyP50Ms", s.latencyP50Ms())
                    .write("latencyP99Ms", s.latencyP99Ms()).write("outboxOverflows", s.outboxOverflows());
        } else {
            throw new IllegalArgumentException("no layout for " + frame.getClass().getName());
        }
    }

    /** A message's fields after its object was started: a frame of its own, or an entry of a history. */
    private static void message(JsonGenerator g, MessageFrame m) {
        g.write("type", m.type());
        optional(g, "id", m.id());
        optional(g, "room", m.room());
        optional(g, "from", m.from());
        optional(g, "to", m.to());
        optional(g, "text", m.text());
        optional(g, "data", m.data());
        optional(g, "ts", m.ts());
        optional(g, "ref", m.ref());
        g.writeEnd();
    }

    private static void welcome(JsonGenerator g, WelcomeFrame w) {
        g.writeStartObject().write("type", w.type());
        optional(g, "protocol", w.protocol());
        optional(g, "room", w.room());
        optional(g, "user", w.user());
        if (w.members() != null) {
            g.writeStartArray("members");
            for (String member : w.members()) {
                g.write(member);
            }
            g.writeEnd();
        }
        if (w.memberCount() != null) {
            g.write("memberCount", w.memberCount());
        }
        if (w.pending() != null) {
            g.write("pending", w.pending());
        }
        if (w.history() != null) {
            history(g, w.history());
        }
        if (w.recovered() != null) {
            g.write("recovered", w.recovered());
        }
        if (w.limits() != null) {
            Limits l = w.limits();
            g.writeStartObject("limits").write("textMax", l.textMax()).write("dataMax", l.dataMax())
                    .write("frameMax", l.frameMax()).write("rateLimit", l.rateLimit())
                    .write("rateBurst", l.rateBurst()).writeEnd();
        }
        if (w.exp() != null) {
            g.write("exp", w.exp());
        }
        g.writeEnd();
    }

    private static void history(JsonGenerator g, List<MessageFrame> history) {
        g.writeStartArray("history");
        for (MessageFrame m : history) {
            message(g.writeStartObject(), m);
        }
        g.writeEnd();
    }

    private static void optional(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.write(name, value);
        }
    }

    private static void optional(JsonGenerator g, String name, JsonObject value) {
        if (value != null) {
            g.write(name, value);
        }
    }
}
