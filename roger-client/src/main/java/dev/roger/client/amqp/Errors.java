package dev.roger.client.amqp;

/** Short descriptions of AMQP client failures, whose useful message is often in a cause. */
public final class Errors {

    private Errors() {
    }

    /** The deepest cause's message (e.g. the broker's reply text), else its class name. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof com.rabbitmq.client.ShutdownSignalException s && s.getReason() != null) {
            String text = s.getReason().toString();
            int start = text.indexOf("reply-text=");
            if (start >= 0) {
                int end = text.indexOf(", class-id", start);
                return text.substring(start + "reply-text=".length(), end > start ? end : text.length());
            }
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }
}
