package dev.roger.it.badinput;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what Roger logs at WARNING and above in this JVM. */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final Logger ROGER = Logger.getLogger("dev.roger");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.WARNING);
        ROGER.addHandler(capture);
        return capture;
    }

    public boolean warned(String... parts) {
        return records.stream().map(r -> new java.text.MessageFormat(r.getMessage()).format(r.getParameters()))
                .anyMatch(m -> java.util.Arrays.stream(parts).allMatch(m::contains));
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
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
