package dev.parley.it;

import dev.parley.testing.RawWebSocket;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates hostile client frames from a seeded {@link Random}, each with the answers the protocol allows
 * for it, worked out from the protocol's rules (not from the server's code):
 *
 * <ul>
 * <li>not one JSON object (also nesting deeper than 32 levels): {@code bad_json}, no {@code ref};</li>
 * <li>unknown {@code type}, a message without {@code text}, {@code type}/{@code text}/{@code to}/{@code ref}
 * not a string, {@code ref} over 64 characters, and on a user connection {@code to} missing or not a
 * valid user id: {@code bad_request};</li>
 * <li>blank {@code text} (Java's {@code String.strip} leaves nothing): {@code empty}; over 4000 code points:
 * {@code too_long};</li>
 * <li>else a room message (the sender's copy, with its {@code ref}), a direct message's {@code ack}
 * ({@code delivered} to the online sink, {@code stored} for anyone else), or a {@code pong};</li>
 * <li>invalid UTF-8 closes with 1007, a frame over the maximum with 1009, a binary frame with 1003.</li>
 * </ul>
 *
 * An {@code error} echoes the frame's {@code ref} when it was a valid one. Where the protocol does not
 * rank two faults of one frame (say an invalid {@code to} and a blank {@code text}), either code is
 * accepted; where it does not say which of duplicate keys counts, any reading is accepted.
 *
 * <p>Not generated here: an escaped unpaired surrogate ({@code "\\uD800"}) in {@code text}, which has its
 * own test ({@link HostileJsonIT}) because one such message currently mutes the whole room and would
 * drown every later check; and the exact nesting boundary, which is pinned there too (a frame exactly 33
 * levels deep is accepted either way here).
 */
final class HostileFrames {
    static final int TEXT_MAX = 4000;
    static final int REF_MAX = 64;
    static final int DEPTH_MAX = 32;
    static final int NAME_MAX = 32;

    enum Endpoint { ROOM, USER }

    /** An answer the protocol allows for a frame. */
    sealed interface Outcome permits Error, Said, Acked, Pong, Closed {
    }

    record Error(String code, String ref) implements Outcome {
    }

    /** The sender's own copy of a room message. */
    record Said(String text, String ref) implements Outcome {
    }

    /** The ack of a direct message to {@code to}. */
    record Acked(String to, String text, String ref, String status) implements Outcome {
    }

    record Pong(String ref) implements Outcome {
    }

    record Closed(int code) implements Outcome {
    }

    /**
     * One generated frame: its payload in one or more fragments (a ping control frame may be sent between
     * them), its opcode, and what may answer it.
     */
    record Case(String category, int opcode, List<byte[]> fragments, boolean pingBetweenFragments,
                Set<Outcome> expected, String shown) {

        boolean closes() {
            return expected.stream().allMatch(o -> o instanceof Closed);
        }
    }

    // ---------------------------------------------------------------- JSON values

    sealed interface Value permits Str, Num, Lit, Arr, Obj, Nest {
        int depth();
    }

    record Str(String s) implements Value {
        public int depth() {
            return 0;
        }
    }

    record Num(String literal) implements Value {
        public int depth() {
            return 0;
        }
    }

    /** {@code true}, {@code false} or {@code null}. */
    record Lit(String literal) implements Value {
        public int depth() {
            return 0;
        }
    }

    record Arr(List<Value> items) implements Value {
        public int depth() {
            return 1 + items.stream().mapToInt(Value::depth).max().orElse(0);
        }
    }

    record Obj(List<Field> fields) implements Value {
        public int depth() {
            return 1 + fields.stream().mapToInt(f -> f.value().depth()).max().orElse(0);
        }
    }

    /** A prebuilt, deeply nested value (too deep to build as objects). */
    record Nest(String json, int depth) implements Value {
    }

    record Field(String key, Value value) {
    }

    static final Value NULL = new Lit("null");

    // ---------------------------------------------------------------- characters

    static final int[] LETTERS = {'a', 'q', 'Z', 'é', 'ß', 'ǅ', 'Ж', 'я', 'Ω', '李', '雷', 'あ', '한', 'ع', 'א', 'ก',
        0x1D49C, 0x10400, 0x20000};
    static final int[] DIGITS = {'0', '7', '٣', '९', '߃', 0x1D7D8};
    static final int[] NAME_PUNCT = {'_', '-', '.'};
    /** Zero-width and other invisible format characters: not letters, not white space. */
    static final int[] INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x202E, 0x202D, 0x2066, 0x034F,
        0x180E};
    /** Control characters that Java does not count as white space. */
    static final int[] CONTROLS = {0x00, 0x01, 0x07, 0x08, 0x1B, 0x7F, 0x80, 0x85, 0x9F};
    /** White space to Java's {@code Character.isWhitespace}, so {@code strip} removes it. */
    static final int[] WHITE = {' ', '\t', '\n', '\r', 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F, 0x2028, 0x2029, 0x3000,
        0x2003, 0x1680};
    /** Space-like characters that are not white space to Java (no-break spaces). */
    static final int[] NOT_WHITE = {0xA0, 0x2007, 0x202F};
    static final int[] OTHER = {'<', '>', '&', '"', '\\', '/', '\'', '{', '}', '[', ']', ':', ',', '%', '+', '#',
        0x1F600, 0x1F468, 0x0301, 0xFFFD, 0xFFFF, 0xFFFE, 0x10FFFF, 0xE000, 0xD7FF};

    private final Random r;
    private final String sink;
    private int serial;

    HostileFrames(Random random, String sink) {
        this.r = random;
        this.sink = sink;
    }

    // ---------------------------------------------------------------- the oracle

    /**
     * The protocol's name rule (docs/protocol.md): in NFC, 1 to 32 code points, each a letter (not a Hangul
     * filler), a decimal digit or {@code _ - .}, or after the first a combining mark.
     */
    static boolean validName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int[] points = Normalizer.normalize(name, Normalizer.Form.NFC).codePoints().toArray();
        if (points.length > NAME_MAX) {
            return false;
        }
        for (int i = 0; i < points.length; i++) {
            int c = points[i];
            int type = Character.getType(c);
            boolean filler = c == 0x3164 || c == 0x115F || c == 0x1160 || c == 0xFFA0;
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (!(Character.isLetter(c) && !filler || Character.isDigit(c) || c == '_' || c == '-' || c == '.'
                    || i > 0 && mark)) {
                return false;
            }
        }
        return true;
    }

    /** The protocol's user id rule: 1 to 255 code points, none of them a control character. */
    static boolean validUserId(String id) {
        if (id == null || id.isEmpty() || id.codePointCount(0, id.length()) > 255) {
            return false;
        }
        return id.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.SURROGATE);
    }

    private static boolean isNull(Value v) {
        return v == null || v.equals(NULL);
    }

    private static String str(Value v) {
        return v instanceof Str s ? s.s() : null;
    }

    private static boolean wrongType(Value v) {
        return !isNull(v) && !(v instanceof Str);
    }

    /** Every answer the protocol allows for a JSON object with these fields, on {@code endpoint}. */
    Set<Outcome> expect(List<Field> fields, Endpoint endpoint) {
        int depth = 1 + fields.stream().mapToInt(f -> f.value().depth()).max().orElse(0);
        Set<Outcome> out = new LinkedHashSet<>();
        if (depth > DEPTH_MAX + 1) {
            out.add(new Error("bad_json", null));
            return out;
        }
        if (depth == DEPTH_MAX + 1) {
            out.add(new Error("bad_json", null));   // the boundary itself is pinned by HostileJsonIT
        }
        Map<String, List<Value>> known = new LinkedHashMap<>();
        for (String key : List.of("type", "text", "to", "ref")) {
            known.put(key, new ArrayList<>());
        }
        boolean anyWrong = false;
        for (Field f : fields) {
            List<Value> values = known.get(f.key());
            if (values != null) {
                values.add(f.value());
                anyWrong |= wrongType(f.value());
            }
        }
        // duplicate keys: the protocol does not say which one counts, so each reading is allowed
        for (Value type : choices(known.get("type"))) {
            for (Value text : choices(known.get("text"))) {
                for (Value to : choices(known.get("to"))) {
                    for (Value ref : choices(known.get("ref"))) {
                        out.addAll(interpret(type, text, to, ref, endpoint));
                        if (anyWrong) {
                            out.add(new Error("bad_request", refEcho(ref)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The values a key may be read as: none when it is absent; with duplicates, any one of them, or none
     * (a {@code null} occurrence counts as absent, so a reader may skip it and keep another).
     */
    private static List<Value> choices(List<Value> occurrences) {
        if (occurrences.isEmpty()) {
            return Collections.singletonList(null);
        }
        if (occurrences.size() == 1) {
            return occurrences;
        }
        List<Value> choices = new ArrayList<>(new LinkedHashSet<>(occurrences));
        choices.add(null);
        return choices;
    }

    private static String refEcho(Value ref) {
        String s = str(ref);
        return s != null && s.codePointCount(0, s.length()) <= REF_MAX && s.length() <= REF_MAX ? s : null;
    }

    private Set<Outcome> interpret(Value type, Value text, Value to, Value ref, Endpoint endpoint) {
        String echo = refEcho(ref);
        boolean bad = !isNull(ref) && echo == null || wrongType(type) || wrongType(text) || wrongType(to);
        String t = str(type);
        String x = str(text);
        String dest = str(to);
        if ("ping".equals(t)) {
            return Set.of(bad ? new Error("bad_request", echo) : new Pong(echo));
        }
        if (t != null && !t.equals("message")) {
            return Set.of(new Error("bad_request", echo));
        }
        Set<String> codes = new LinkedHashSet<>();
        if (bad || isNull(text)) {
            codes.add("bad_request");
        }
        if (endpoint == Endpoint.USER && !validUserId(dest)) {
            codes.add("bad_request");
        }
        if (x != null && x.strip().isEmpty()) {
            codes.add("empty");
        }
        if (x != null && x.codePointCount(0, x.length()) > TEXT_MAX) {
            codes.add("too_long");
        }
        if (codes.isEmpty()) {
            return Set.of(endpoint == Endpoint.ROOM ? new Said(x, echo)
                    : new Acked(dest, x, echo, dest.equals(sink) ? "delivered" : "stored"));
        }
        Set<Outcome> out = new LinkedHashSet<>();
        codes.forEach(c -> out.add(new Error(c, echo)));
        return out;
    }

    // ---------------------------------------------------------------- rendering

    /** Renders a string literal, escaping what JSON requires and, at random, much that it does not. */
    String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        boolean escapeMore = r.nextInt(4) == 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == '"') {
                out.append("\\\"");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20) {
                String shortForm = switch (c) {
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> null;
                };
                out.append(shortForm != null && r.nextBoolean() ? shortForm : unicodeEscape(c));
            } else if (c == '/' && r.nextBoolean()) {
                out.append("\\/");
            } else if (escapeMore && r.nextInt(3) == 0) {
                for (char unit : Character.toChars(c)) {
                    out.append(unicodeEscape(unit));
                }
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.append('"').toString();
    }

    private String unicodeEscape(int unit) {
        String hex = String.format("%04x", unit);
        return "\\u" + (r.nextBoolean() ? hex : hex.toUpperCase());
    }

    private String ws() {
        return switch (r.nextInt(12)) {
            case 0 -> " ";
            case 1 -> "\n";
            case 2 -> "\t ";
            case 3 -> "\r\n  ";
            default -> "";
        };
    }

    void write(StringBuilder out, Value v) {
        if (v instanceof Str s) {
            out.append(quote(s.s()));
        } else if (v instanceof Num n) {
            out.append(n.literal());
        } else if (v instanceof Lit l) {
            out.append(l.literal());
        } else if (v instanceof Nest n) {
            out.append(n.json());
        } else if (v instanceof Arr a) {
            out.append('[').append(ws());
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.append(',').append(ws());
                }
                write(out, a.items().get(i));
            }
            out.append(ws()).append(']');
        } else {
            writeObject(out, ((Obj) v).fields());
        }
    }

    void writeObject(StringBuilder out, List<Field> fields) {
        out.append('{').append(ws());
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(ws()).append(',').append(ws());
            }
            out.append(quote(fields.get(i).key())).append(ws()).append(':').append(ws());
            write(out, fields.get(i).value());
        }
        out.append(ws()).append('}');
    }

    String render(List<Field> fields) {
        StringBuilder out = new StringBuilder();
        writeObject(out, fields);
        return out.toString();
    }

    // ---------------------------------------------------------------- random pieces

    private int pick(int[] pool) {
        return pool[r.nextInt(pool.length)];
    }

    private <T> T pick(List<T> pool) {
        return pool.get(r.nextInt(pool.size()));
    }

    /** A random string of {@code codePoints} code points drawn from the pools. */
    String chars(int codePoints, int[]... pools) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            s.appendCodePoint(pick(pools[r.nextInt(pools.length)]));
        }
        return s.toString();
    }

    /** A short text that is not blank, unique enough to tell messages apart. */
    String text() {
        String body = switch (r.nextInt(6)) {
            case 0 -> "hello " + chars(r.nextInt(8), LETTERS, DIGITS);
            case 1 -> chars(1 + r.nextInt(30), LETTERS, DIGITS, OTHER, WHITE, NOT_WHITE);
            case 2 -> chars(1 + r.nextInt(10), OTHER, INVISIBLE, CONTROLS);
            case 3 -> "  padded\n" + chars(r.nextInt(5), LETTERS) + "\t ";
            default -> chars(1 + r.nextInt(20), LETTERS, DIGITS, OTHER);
        };
        return "m" + (serial++) + " " + body;
    }

    String ref() {
        return switch (r.nextInt(8)) {
            case 0 -> "";
            case 1 -> chars(1 + r.nextInt(32), LETTERS, DIGITS, OTHER, INVISIBLE, CONTROLS);   // at most 64 chars
            case 2 -> "r".repeat(REF_MAX);
            default -> "r" + serial + "-" + r.nextInt(1000);
        };
    }

    /** A valid name for a user nobody connects as: direct messages to it are stored. */
    String offlineName() {
        return "o-" + chars(1 + r.nextInt(NAME_MAX - 3), LETTERS, DIGITS, NAME_PUNCT);
    }

    /** A name that breaks the rule in some way, or at random a valid exotic one. */
    String oddName() {
        String valid = chars(1 + r.nextInt(10), LETTERS, DIGITS, NAME_PUNCT);
        return switch (r.nextInt(10)) {
            case 0 -> "";
            case 1 -> chars(NAME_MAX + 1 + r.nextInt(20), LETTERS, DIGITS);
            case 2 -> "o-" + chars(NAME_MAX - 2, LETTERS);                       // exactly 32, astral ones included
            case 3 -> insert(valid, pick(INVISIBLE));
            case 4 -> insert(valid, pick(CONTROLS));
            case 5 -> insert(valid, pick(WHITE));
            case 6 -> insert(valid, pick(OTHER));
            case 7 -> insert(valid, pick(NOT_WHITE));
            case 8 -> "o-" + valid;
            default -> chars(1 + r.nextInt(6), INVISIBLE, CONTROLS, WHITE);
        };
    }

    private String insert(String s, int c) {
        int[] cps = s.codePoints().toArray();
        int at = r.nextInt(cps.length + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= cps.length; i++) {
            if (i == at) {
                out.appendCodePoint(c);
            }
            if (i < cps.length) {
                out.appendCodePoint(cps[i]);
            }
        }
        return out.toString();
    }

    static final List<String> HUGE_NUMBERS = List.of("1e999999", "-1e999999", "1E+999999", "1e-999999",
        "9".repeat(400), "-" + "1234567890".repeat(40), "0." + "0".repeat(400) + "1",
        "123456789012345678901234567890.5e-400", "-0", "0e0", "-0.0E-0", "1" + "0".repeat(2000) + "e999999999",
        "2.2250738585072011e-308", "4.9e-325", "1.7976931348623157e309", String.valueOf(Long.MAX_VALUE) + "0");

    static final List<String> BAD_NUMBERS = List.of("01", "1.", ".5", "+1", "0x10", "1e", "-", "NaN", "Infinity",
        "-Infinity", "1e+", "1.2.3", "1_000", "١");

    Value smallValue() {
        return switch (r.nextInt(9)) {
            case 0 -> new Num(pick(HUGE_NUMBERS));
            case 1 -> new Num(String.valueOf(r.nextInt()));
            case 2 -> new Lit(r.nextBoolean() ? "true" : "false");
            case 3 -> NULL;
            case 4 -> new Arr(List.of());
            case 5 -> new Obj(List.of());
            case 6 -> new Arr(List.of(new Num("1"), new Str("x"), new Obj(List.of(new Field("a", new Arr(List.of()))))));
            case 7 -> new Obj(List.of(new Field("text", new Str("inner")), new Field("type", new Num("2"))));
            default -> new Str(chars(r.nextInt(12), LETTERS, OTHER, CONTROLS, INVISIBLE));
        };
    }

    /** A value of the wrong type for a string field. */
    Value wrongValue() {
        Value v = smallValue();
        while (v instanceof Str || v.equals(NULL)) {
            v = smallValue();
        }
        return v;
    }

    /** Extra fields the server must ignore, including ones that try to set what only the server sets. */
    List<Field> noise() {
        List<Field> fields = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String key = switch (r.nextInt(8)) {
                case 0 -> "from";
                case 1 -> "id";
                case 2 -> "ts";
                case 3 -> "room";
                case 4 -> "";
                case 5 -> chars(1 + r.nextInt(6), LETTERS, OTHER, CONTROLS, INVISIBLE);
                case 6 -> "status";
                default -> "x" + r.nextInt(100);
            };
            fields.add(new Field(key, smallValue()));
        }
        return fields;
    }

    /** A message the server should accept, with its fields in random order. */
    List<Field> message(Endpoint endpoint) {
        List<Field> fields = new ArrayList<>();
        switch (r.nextInt(4)) {
            case 0, 1 -> fields.add(new Field("type", new Str("message")));
            case 2 -> fields.add(new Field("type", NULL));
            default -> { }
        }
        fields.add(new Field("text", new Str(text())));
        if (r.nextInt(10) < 7) {
            fields.add(new Field("ref", new Str(ref())));
        } else if (r.nextInt(4) == 0) {
            fields.add(new Field("ref", NULL));
        }
        if (endpoint == Endpoint.USER) {
            fields.add(new Field("to", new Str(r.nextInt(5) == 0 ? offlineName() : sink)));
        } else if (r.nextInt(5) == 0) {
            fields.add(new Field("to", new Str(oddName())));            // ignored on rooms
        }
        fields.addAll(noise());
        Collections.shuffle(fields, r);
        return fields;
    }

    /** {@code fields} with {@code key} set to {@code value}: in place of the key if it was there, else at a random place. */
    private List<Field> with(List<Field> fields, String key, Value value) {
        List<Field> out = new ArrayList<>();
        boolean replaced = false;
        for (Field f : fields) {
            if (!f.key().equals(key)) {
                out.add(f);
            } else if (!replaced) {
                out.add(new Field(key, value));
                replaced = true;
            }
        }
        if (!replaced) {
            out.add(r.nextInt(out.size() + 1), new Field(key, value));
        }
        return out;
    }

    // ---------------------------------------------------------------- cases

    private static final String[] CATEGORIES = {
        "valid", "bad_json", "deep", "numbers", "wrong_type", "control_text", "names", "oversized_field",
        "unknown_type", "empty_object", "duplicate_keys", "ping", "invalid_utf8", "oversized_frame", "binary"};
    private static final double[] WEIGHTS = {14, 13, 8, 8, 11, 9, 5, 7, 5, 3, 6, 5, 2, 0.6, 0.4};

    /** The next case for a connection of {@code endpoint}; frames may be over {@code frameMax} only in "oversized_frame". */
    Case next(Endpoint endpoint, int frameMax) {
        double total = Arrays.stream(WEIGHTS).sum();
        double x = r.nextDouble() * total;
        int i = 0;
        while (x >= WEIGHTS[i]) {
            x -= WEIGHTS[i];
            i++;
        }
        Case c = switch (CATEGORIES[i]) {
            case "valid" -> json("valid", message(endpoint), endpoint);
            case "bad_json" -> badJson(endpoint);
            case "deep" -> deep(endpoint);
            case "numbers" -> numbers(endpoint);
            case "wrong_type" -> wrongType(endpoint);
            case "control_text" -> controlText(endpoint);
            case "names" -> names(endpoint);
            case "oversized_field" -> oversizedField(endpoint);
            case "unknown_type" -> unknownType(endpoint);
            case "empty_object" -> emptyObject(endpoint);
            case "duplicate_keys" -> duplicateKeys(endpoint);
            case "ping" -> ping(endpoint);
            case "invalid_utf8" -> invalidUtf8(endpoint);
            case "oversized_frame" -> oversizedFrame(endpoint, frameMax);
            default -> new Case("binary", RawWebSocket.OP_BINARY,
                    List.of(bytes(chars(r.nextInt(50), LETTERS))), false, Set.of(new Closed(1003)), "<binary>");
        };
        if (!c.closes() && c.opcode() == RawWebSocket.OP_TEXT && r.nextInt(25) == 0) {
            return fragmented(c);
        }
        return c;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    Case json(String category, List<Field> fields, Endpoint endpoint) {
        String text = ws() + render(fields) + ws();
        return text(category, text, expect(fields, endpoint));
    }

    static Case text(String category, String text, Set<Outcome> expected) {
        return new Case(category, RawWebSocket.OP_TEXT, List.of(bytes(text)), false, expected, text);
    }

    private static Set<Outcome> badJsonOnly() {
        return Set.of(new Error("bad_json", null));
    }

    Case badJson(Endpoint endpoint) {
        String valid = render(message(endpoint));
        String text = switch (r.nextInt(12)) {
            case 0, 1, 2 -> {
                // a truncation, cut between code points so it stays valid UTF-8
                int cps = valid.codePointCount(0, valid.length());
                yield valid.substring(0, valid.offsetByCodePoints(0, r.nextInt(cps)));
            }
            case 3 -> valid + pick(List.of(" x", "}", "{}", " // comment", ",", "\u0000", " null", "]", "\u000B"));
            case 4 -> pick(List.of("/*c*/", "\u000B", "\u3000", "\u2028", "x", ")]}'\n", "\u0000")) + valid;
            case 5 -> pick(List.of("", " ", "\n\t", "null", "true", "false", "0", "-1", "1e999999", "\"str\"", "[]",
                    "[{\"text\":\"hi\"}]", "{", "}", "{{}}", "{\"text\"}", "{\"text\":}", "{\"text\":\"hi\",}",
                    "{,\"text\":\"hi\"}", "{'text':'hi'}", "{text:\"hi\"}", "{\"text\":\"hi\" \"ref\":\"r\"}",
                    "{\"text\"=\"hi\"}", "{\"text\":\"hi\";}", "<message text=\"hi\"/>", "text=hi", "\u0000",
                    "{\"text\":\"hi\"}{\"text\":\"hi\"}", "{\"text\":'hi'}", "{\"text\":\"hi\",\"a\":tru}",
                    "{\"text\":\"hi\",\"a\":nul}", "{\"text\":\"hi\",\"a\":True}", "{\"text\":\"hi\",\"a\":undefined}",
                    "{\"text\":\"hi\",\"a\":[1,]}", "{\"text\":\"hi\",\"a\":[,1]}", "{\"a\" : {\"b\":1}, }"));
            case 6 -> "{\"text\":\"" + chars(1 + r.nextInt(5), LETTERS) + new String(Character.toChars(r.nextInt(0x20)))
                    + "\"}";                                                       // raw control character in a string
            case 7 -> "{\"text\":\"hi" + pick(List.of("\\x41", "\\u12", "\\uZZZZ", "\\u00G0", "\\a", "\\'", "\\U0041",
                    "\\", "\\u")) + "\"}";
            case 8 -> "{\"text\":\"hi\",\"n\":" + pick(BAD_NUMBERS) + "}";
            case 9 -> "{\"te" + "\n" + "xt\":\"hi\"}";                             // raw new line inside a key
            case 10 -> "{\"text\":\"hi\"" + "}".repeat(2 + r.nextInt(5));
            default -> "[" + valid + "]";
        };
        return text("bad_json", text, badJsonOnly());
    }

    /** Nesting 10 to 100,000 deep (log-uniform), now and then right at the limit. */
    Case deep(Endpoint endpoint) {
        int levels = r.nextInt(8) == 0 ? DEPTH_MAX - 2 + r.nextInt(5)
                : (int) Math.round(Math.exp(Math.log(10) + r.nextDouble() * (Math.log(100_000) - Math.log(10))));
        int shape = r.nextInt(3);
        switch (r.nextInt(6)) {
            case 0 -> {
                // the frame itself is an array: never an object, however deep
                return text("deep", nest(levels, 0, "1"), badJsonOnly());
            }
            case 1 -> {
                // nesting that never closes
                String open = nest(levels - 1, shape, "1");
                return text("deep", "{\"text\":\"hi\",\"x\":" + open.substring(0, open.length() - (levels - 1) / 2), badJsonOnly());
            }
            case 2 -> {
                // nested in text: bad_request while shallow enough to read, bad_json past the limit
                List<Field> fields = message(endpoint);
                return json("deep", with(fields, "text", new Nest(nest(levels - 1, shape, "\"x\""), levels - 1)), endpoint);
            }
            case 3 -> {
                // only the nest, no text
                return json("deep", List.of(new Field("", new Nest(nest(levels - 2, shape, "{}"), levels - 1)),
                        new Field("ref", new Str("deep-" + levels))), endpoint);
            }
            default -> {
                // nested in a field nobody reads: fine up to the limit
                List<Field> fields = new ArrayList<>(message(endpoint));
                fields.add(r.nextInt(fields.size() + 1), new Field("deep", new Nest(nest(levels - 1, shape, "null"), levels - 1)));
                return json("deep", fields, endpoint);
            }
        }
    }

    /**
     * {@code levels} levels of arrays (shape 0), objects (1) or both alternating (2) around {@code leaf};
     * a leaf of {@code {}} adds one level, which callers count.
     */
    static String nest(int levels, int shape, String leaf) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            boolean array = shape == 0 || shape == 2 && i % 2 == 0;
            open.append(array ? "[" : "{\"k\":");
            close.append(array ? ']' : '}');
        }
        return open.append(leaf).append(close.reverse()).toString();
    }

    Case numbers(Endpoint endpoint) {
        Num n = new Num(pick(HUGE_NUMBERS));
        List<Field> fields = new ArrayList<>(message(endpoint));
        return switch (r.nextInt(5)) {
            case 0 -> text("numbers", n.literal(), badJsonOnly());
            case 1 -> json("numbers", with(fields, pick(List.of("type", "text", "to", "ref")), n), endpoint);
            case 2 -> {
                fields.add(new Field("n", new Arr(List.of(n, new Num(pick(HUGE_NUMBERS)), new Obj(List.of(new Field("m", n)))))));
                yield json("numbers", fields, endpoint);
            }
            default -> {
                fields.add(r.nextInt(fields.size() + 1), new Field("n", n));
                yield json("numbers", fields, endpoint);
            }
        };
    }

    Case wrongType(Endpoint endpoint) {
        List<Field> fields = message(endpoint);
        String key = pick(List.of("type", "text", "to", "ref"));
        Value value = r.nextInt(8) == 0 ? NULL : wrongValue();
        return json("wrong_type", with(fields, key, value), endpoint);
    }

    Case controlText(Endpoint endpoint) {
        String text = switch (r.nextInt(6)) {
            case 0 -> chars(1 + r.nextInt(8), WHITE);                                         // blank
            case 1 -> chars(1 + r.nextInt(8), INVISIBLE);                                     // invisible, not blank
            case 2 -> chars(1 + r.nextInt(4), WHITE) + pick(CONTROLS) + chars(r.nextInt(4), WHITE);
            case 3 -> chars(1 + r.nextInt(6), NOT_WHITE);                                     // no-break spaces: not blank
            default -> chars(1 + r.nextInt(40), CONTROLS, INVISIBLE, WHITE, LETTERS, OTHER);
        };
        return json("control_text", with(message(endpoint), "text", new Str(text)), endpoint);
    }

    Case names(Endpoint endpoint) {
        return json("names", with(message(endpoint), "to", new Str(oddName())), endpoint);
    }

    Case oversizedField(Endpoint endpoint) {
        List<Field> fields = message(endpoint);
        return switch (r.nextInt(8)) {
            case 0 -> json("oversized_field", with(fields, "ref", new Str("r".repeat(REF_MAX + 1))), endpoint);
            case 1 -> json("oversized_field", with(fields, "ref", new Str(chars(REF_MAX + 1 + r.nextInt(240), OTHER_BMP))), endpoint);
            case 2 -> json("oversized_field", with(fields, "text", new Str(chars(TEXT_MAX, LETTERS, DIGITS, OTHER))), endpoint);
            case 3 -> json("oversized_field", with(fields, "text", new Str(chars(TEXT_MAX + 1, LETTERS, DIGITS, OTHER))), endpoint);
            case 4 -> json("oversized_field", with(fields, "text", new Str("😀".repeat(TEXT_MAX))), endpoint);
            case 5 -> json("oversized_field", with(fields, "text", new Str(" ".repeat(TEXT_MAX + 1 + r.nextInt(1000)))), endpoint);
            default -> json("oversized_field", with(fields, "text",
                    new Str(chars(TEXT_MAX + 1 + r.nextInt(8000), LETTERS, DIGITS, OTHER, WHITE))), endpoint);
        };
    }

    /** BMP characters only, so a ref's length is the same in code points and in UTF-16 units. */
    static final int[] OTHER_BMP = {'a', 'é', 'Ж', '李', '<', '"', '\\', '/', 0x200B, 0xFEFF, 0x00, 0x1F, ' '};

    Case unknownType(Endpoint endpoint) {
        String type = pick(List.of("", "MESSAGE", "Message", "msg", "pong", "welcome", "ack", "error", "join", "leave",
                "stats", "ping ", " ping", "PING", "message\u0000", "messag", "méssage", "message\u200B",
                chars(1 + r.nextInt(10), LETTERS, OTHER, INVISIBLE)));
        List<Field> fields = with(message(endpoint), "type", new Str(type));
        if (r.nextInt(3) == 0) {
            fields = new ArrayList<>(fields);
            fields.removeIf(f -> f.key().equals("text"));
        }
        return json("unknown_type", fields, endpoint);
    }

    Case emptyObject(Endpoint endpoint) {
        List<Field> fields = switch (r.nextInt(6)) {
            case 0 -> List.of();
            case 1 -> List.of(new Field("", new Str("")));
            case 2 -> List.of(new Field("ref", new Str("e" + serial++)));
            case 3 -> List.of(new Field("type", NULL), new Field("text", NULL), new Field("ref", NULL), new Field("to", NULL));
            case 4 -> List.of(new Field("type", new Str("message")), new Field("ref", new Str("e" + serial++)));
            default -> List.of(new Field("text", new Obj(List.of())), new Field("ref", new Str("e" + serial++)));
        };
        return json("empty_object", fields, endpoint);
    }

    Case duplicateKeys(Endpoint endpoint) {
        List<Field> fields = new ArrayList<>(message(endpoint));
        int dups = 1 + r.nextInt(2);
        for (int i = 0; i < dups; i++) {
            String key = pick(List.of("type", "text", "text", "to", "ref", "x"));
            Value value = switch (r.nextInt(5)) {
                case 0 -> wrongValue();
                case 1 -> NULL;
                case 2 -> new Str(key.equals("type") ? pick(List.of("message", "ping", "shout")) : key.equals("to")
                        ? pick(List.of(sink, offlineName(), oddName())) : key.equals("ref") ? ref() : text());
                case 3 -> new Str(key.equals("text") ? " " : "");
                default -> new Str(text());
            };
            fields.add(r.nextInt(fields.size() + 1), new Field(key, value));
        }
        return json("duplicate_keys", fields, endpoint);
    }

    Case ping(Endpoint endpoint) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("type", new Str("ping")));
        switch (r.nextInt(6)) {
            case 0 -> fields.add(new Field("ref", new Str(ref())));
            case 1 -> fields.add(new Field("ref", new Str("p".repeat(REF_MAX + 1 + r.nextInt(10)))));
            case 2 -> fields.add(new Field("ref", wrongValue()));
            case 3 -> {
                fields.add(new Field("text", new Str(r.nextBoolean() ? " " : "x".repeat(TEXT_MAX + 5))));
                fields.add(new Field("to", new Str(oddName())));
            }
            case 4 -> fields.add(new Field(pick(List.of("text", "to")), wrongValue()));
            default -> { }
        }
        fields.addAll(noise());
        Collections.shuffle(fields, r);
        return json("ping", fields, endpoint);
    }

    static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE},
        new byte[] {(byte) 0x80}, new byte[] {(byte) 0xBF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
        new byte[] {(byte) 0xC1, (byte) 0xBF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98});

    Case invalidUtf8(Endpoint endpoint) {
        byte[] valid = bytes(render(message(endpoint)));
        byte[] bad = pick(INVALID_UTF8);
        // insert between code points (before a byte that does not continue a sequence)
        List<Integer> boundaries = new ArrayList<>();
        for (int i = 0; i <= valid.length; i++) {
            if (i == valid.length || (valid[i] & 0xC0) != 0x80) {
                boundaries.add(i);
            }
        }
        int at = pick(boundaries);
        byte[] payload = new byte[valid.length + bad.length];
        System.arraycopy(valid, 0, payload, 0, at);
        System.arraycopy(bad, 0, payload, at, bad.length);
        System.arraycopy(valid, at, payload, at + bad.length, valid.length - at);
        Case c = new Case("invalid_utf8", RawWebSocket.OP_TEXT, List.of(payload), false,
                Set.of(new Closed(1007)), "<invalid UTF-8 " + hex(bad) + " at byte " + at + " of " + new String(valid, StandardCharsets.UTF_8) + ">");
        return r.nextInt(4) == 0 ? fragmented(c) : c;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02X", b & 0xff));
        }
        return s.toString();
    }

    Case oversizedFrame(Endpoint endpoint, int frameMax) {
        int over = 1 + r.nextInt(65_536);
        String text = switch (r.nextInt(4)) {
            case 0 -> "x".repeat(frameMax + over);
            case 1 -> "😀".repeat((frameMax + over) / 2 + 1);                    // two UTF-16 units each
            default -> {
                String head = "{\"text\":\"big\",\"pad\":\"";
                yield head + "p".repeat(frameMax + over - head.length() - 2) + "\"}";
            }
        };
        Case c = new Case("oversized_frame", RawWebSocket.OP_TEXT, List.of(bytes(text)), false,
                Set.of(new Closed(1009)), "<" + text.length() + " UTF-16 units>");
        return r.nextInt(4) == 0 ? fragmented(c) : c;
    }

    /** The same payload in two to five fragments, cut anywhere (inside a UTF-8 sequence too), maybe with a ping between. */
    Case fragmented(Case c) {
        byte[] payload = c.fragments().get(0);
        int pieces = 2 + r.nextInt(4);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < pieces; i++) {
            cuts.add(payload.length == 0 ? 0 : r.nextInt(payload.length + 1));
        }
        Collections.sort(cuts);
        List<byte[]> fragments = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            fragments.add(Arrays.copyOfRange(payload, from, cut));
            from = cut;
        }
        fragments.add(Arrays.copyOfRange(payload, from, payload.length));
        return new Case(c.category() + "/fragmented", c.opcode(), fragments, r.nextBoolean(), c.expected(), c.shown());
    }
}
