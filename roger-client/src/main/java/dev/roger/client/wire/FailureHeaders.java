package dev.roger.client.wire;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The headers that say why a job failed, on its retry copies and its buried copy: the last
 * error, the stack summary, how many attempts failed, when the first and the last failed, and
 * where. The first failure's time travels with the job through its retries.
 */
public final class FailureHeaders {

    public static final String REASON = "x-roger-reason";
    public static final String ERROR_CLASS = "x-roger-error-class";
    public static final String ERROR_MESSAGE = "x-roger-error-message";
    public static final String STACK = "x-roger-stack";
    public static final String ATTEMPTS = "x-roger-attempts";
    public static final String NODE = "x-roger-node";
    public static final String FAILED_AT = "x-roger-failed-at";
    public static final String FIRST_FAILED_AT = "x-roger-first-failed-at";

    private static final int STACK_FRAMES = 12;

    private FailureHeaders() {
    }

    /**
     * The headers of a copy of a failed delivery: the original headers, with this failure's.
     *
     * @param original the delivery's headers, or {@code null}
     * @param reason   why, in one line
     * @param error    the failure, or {@code null} for bad input
     * @param attempts how many attempts have failed, this one included (0 when it never ran)
     */
    public static Map<String, Object> of(Map<String, Object> original, String reason, Throwable error, int attempts,
                                         String node, Instant now) {
        Map<String, Object> headers = new HashMap<>();
        if (original != null) {
            headers.putAll(original);
        }
        // The broker's dead-letter history of earlier retries only grows and says nothing new; its
        // delivery counters belong to the message copied, not to the copy.
        headers.keySet().removeIf(h -> h.startsWith("x-death") || h.startsWith("x-first-death")
                || h.startsWith("x-last-death") || h.equals("x-delivery-count") || h.equals("x-acquired-count"));
        headers.put(REASON, truncate(reason, 1000));
        headers.put(ATTEMPTS, attempts);
        headers.put(NODE, node);
        headers.put(FAILED_AT, now.toString());
        headers.putIfAbsent(FIRST_FAILED_AT, now.toString());
        headers.remove(ERROR_CLASS);
        headers.remove(ERROR_MESSAGE);
        headers.remove(STACK);
        if (error != null) {
            headers.put(ERROR_CLASS, error.getClass().getName());
            headers.put(ERROR_MESSAGE, truncate(String.valueOf(error.getMessage()), 1000));
            headers.put(STACK, stackSummary(error));
        }
        return headers;
    }

    /** A header as text (the broker hands strings back as LongString). */
    public static String text(Map<String, Object> headers, String name) {
        Object v = headers == null ? null : headers.get(name);
        return v == null ? null : v.toString();
    }

    /** The error's class and message and its first frames, then the same for each cause. */
    public static String stackSummary(Throwable error) {
        StringBuilder sb = new StringBuilder();
        int causes = 0;
        for (Throwable t = error; t != null && causes < 4; t = t.getCause(), causes++) {
            if (causes > 0) {
                sb.append("Caused by: ");
            }
            sb.append(t).append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
                sb.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > STACK_FRAMES) {
                sb.append("\t... ").append(frames.length - STACK_FRAMES).append(" more\n");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return truncate(sb.toString(), 8000);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
