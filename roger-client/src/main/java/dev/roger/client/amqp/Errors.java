package dev.roger.client.amqp;

/** Short descriptions of AMQP client failures, whose useful message is often in a cause. */
public final class Errors {

    /** The broker's reply code for a missing queue or exchange. */
    public static final int NOT_FOUND = 404;
    /** The broker's reply code for a declare whose arguments differ from the existing queue's. */
    public static final int PRECONDITION_FAILED = 406;

    private Errors() {
    }

    /** Whether {@code e} (or a cause) is the broker closing a channel with {@code replyCode}. */
    public static boolean isChannelClose(Throwable e, int replyCode) {
        return channelClose(e).filter(c -> c.getReplyCode() == replyCode).isPresent();
    }

    /** Whether {@code e} (or a cause) is the broker closing a channel, with any reply code (it refused something). */
    public static boolean isChannelClose(Throwable e) {
        return channelClose(e).isPresent();
    }

    private static java.util.Optional<com.rabbitmq.client.AMQP.Channel.Close> channelClose(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.rabbitmq.client.ShutdownSignalException s
                    && s.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close c) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * What a TLS failure means (an untrusted certificate, a host name the certificate does not
     * list), else the deepest cause's message (e.g. the broker's reply text), else its class name.
     */
    public static String describe(Throwable e) {
        java.util.Optional<String> tls = TlsFailure.describe(e);
        if (tls.isPresent()) {
            return tls.get();
        }
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
