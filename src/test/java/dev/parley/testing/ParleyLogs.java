package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages Parley logs while a test runs, at every level, as formatted text.
 *
 * <p>Embedded Tomcat runs Parley in the test JVM: its {@code dev.parley}
 * loggers are listened to directly. Payara Micro runs in its own JVM, logs
 * {@code dev.parley} at FINE (see {@code payara-micro-postboot.txt}) and its
 * Arquillian adapter copies that JVM's output to this one's {@code System.out}:
 * there the lines of {@code dev.parley} loggers are picked out and their
 * messages kept.
 */
public final class ParleyLogs implements AutoCloseable {

    /** Whether the container runs in this JVM. */
    public static final boolean SAME_JVM =
            "tomcat-embedded".equals(System.getProperty("arquillian.launch", "tomcat-embedded"));

    /** A Payara (ODL) log line of a dev.parley logger; colour codes may surround the fields. */
    private static final Pattern PAYARA_LINE = Pattern.compile(
            "\\[[^\\]]*?dev\\.parley[\\w.$]*\\S*\\] \\[tid: [^\\]]*\\] \\[timeMillis: \\d+\\] \\[levelValue: \\d+\\] (.*)$");
    /**
     * The two lines of java.util.logging's simple format, which Payara switches to once a log level
     * is set: the time, logger and method, then the level and message.
     */
    private static final Pattern SIMPLE_SOURCE = Pattern.compile("^\\S.* (dev\\.parley[\\w.$]*) \\S+$");
    private static final Pattern SIMPLE_MESSAGE = Pattern.compile("^(?:SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): (.*)$");
    private static final Logger PARLEY = Logger.getLogger("dev.parley");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Handler handler;
    private Level level;
    private PrintStream out;

    private ParleyLogs() {
    }

    /** Starts listening; {@link #close()} stops. */
    public static ParleyLogs capture() {
        ParleyLogs logs = new ParleyLogs();
        if (SAME_JVM) {
            logs.listenToLoggers();
        } else {
            logs.readContainerOutput();
        }
        return logs;
    }

    /** The messages so far, oldest first. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    private void listenToLoggers() {
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getParameters() == null ? r.getMessage() : MessageFormat.format(r.getMessage(), r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        level = PARLEY.getLevel();
        PARLEY.setLevel(Level.ALL);
        PARLEY.addHandler(handler);
    }

    private void readContainerOutput() {
        out = System.out;
        PrintStream original = out;
        System.setOut(new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();
            private boolean parleySource;

            @Override
            public synchronized void write(int b) {
                original.write(b);
                if (b != '\n') {
                    line.write(b);
                    return;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                Matcher m = PAYARA_LINE.matcher(text);
                Matcher message = SIMPLE_MESSAGE.matcher(text);
                if (m.find()) {
                    lines.add(m.group(1));
                } else if (parleySource && message.matches()) {
                    lines.add(message.group(1));
                }
                parleySource = SIMPLE_SOURCE.matcher(text).matches();
            }
        }, true, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (handler != null) {
            PARLEY.removeHandler(handler);
            PARLEY.setLevel(level);
        }
        if (out != null) {
            System.setOut(out);
        }
    }
}
