package dev.roger.bench.app;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of a no-op job that carries the moment the application wrote it,
 * {@code {"writtenMicros":<epoch microseconds>}}. An outbox job's {@code queuedAt} is set by the
 * relay when it publishes the row, so it hides the time the row waited in the table; case 10 stamps
 * its jobs so that its latency runs from the application's write to the job's start, in every mode alike.
 */
public final class WrittenAt {

    private static final Pattern STAMP = Pattern.compile("\\{\"writtenMicros\":(\\d{1,19})}");

    private WrittenAt() {
    }

    /** The arguments of a job written at {@code micros}. */
    public static String args(long micros) {
        return "{\"writtenMicros\":" + micros + "}";
    }

    /** The stamp in a job's arguments, or empty when they are anything else (other cases' jobs). */
    public static OptionalLong micros(String argsJson) {
        if (argsJson == null || !argsJson.startsWith("{\"writtenMicros\":")) {
            return OptionalLong.empty();
        }
        Matcher m = STAMP.matcher(argsJson.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
