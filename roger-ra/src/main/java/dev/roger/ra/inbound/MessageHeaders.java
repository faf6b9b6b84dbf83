package dev.roger.ra.inbound;

import com.rabbitmq.client.AMQP;
import dev.roger.client.wire.JobCodec;
import java.util.Locale;

/** What in a message's properties makes its body unreadable as a job, before the body is read. */
final class MessageHeaders {

    /** Encodings that mean "as it is" (Roger itself writes utf-8 there). */
    private static final java.util.Set<String> PLAIN = java.util.Set.of("utf-8", "utf8", "identity");

    private MessageHeaders() {
    }

    /** @return null when the properties allow a JSON job body, else why not */
    static String problem(AMQP.BasicProperties properties) {
        if (properties == null) {
            return null;
        }
        String encoding = properties.getContentEncoding();
        if (encoding != null && !encoding.isBlank() && !PLAIN.contains(encoding.strip().toLowerCase(Locale.ROOT))) {
            return "content encoding '" + clip(encoding) + "' is not supported: a job body is plain UTF-8 JSON";
        }
        String type = properties.getContentType();
        // Roger's own content type first: every job carries it, and lower-casing it showed per job.
        if (type != null && !type.equals(JobCodec.CONTENT_TYPE) && !type.isBlank()
                && !type.toLowerCase(Locale.ROOT).contains("json")) {
            return "content type '" + clip(type) + "' is not JSON: a job body is application/json";
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
