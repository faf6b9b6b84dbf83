package dev.roger.it.support;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one logger (and its children) logs at a level and above in this JVM, with the
 * messages formatted. Installs itself on the {@code dev.roger} logger, which Roger's loggers
 * inherit their handlers from, and keeps only the records of the named logger.
 */
public final class JulCapture extends Handler implements AutoCloseable {

    private static final Logger ROGER = Logger.getLogger("dev.roger");
    private final String loggerName;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private JulCapture(String loggerName) {
        this.loggerName = loggerName;
    }

    /** Captures records of {@code loggerName} (a logger under {@code dev.roger}) at {@code level} and above. */
    public static JulCapture install(String loggerName, Level level) {
        JulCapture capture = new JulCapture(loggerName);
        capture.setLevel(level);
        ROGER.addHandler(capture);
        return capture;
    }

    /** The formatted messages captured so far. */
    public List<String> messages() {
        return records.stream().map(JulCapture::format).toList();
    }

    /** Whether one captured message contains every part. */
    public boolean logged(String... parts) {
        return messages().stream().anyMatch(m -> Arrays.stream(parts).allMatch(m::contains));
    }

    private static String format(LogRecord r) {
        Object[] params = r.getParameters();
        String text = params == null || params.length == 0 ? r.getMessage()
                : MessageFormat.format(r.getMessage(), params);
        return r.getLevel() + " " + r.getLoggerName() + ": " + text;
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record) && record.getLoggerName() != null
                && (record.getLoggerName().equals(loggerName) || record.getLoggerName().startsWith(loggerName + "."))) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROGER.removeHandler(this);
    }
}
