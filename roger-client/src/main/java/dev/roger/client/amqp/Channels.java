package dev.roger.client.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.function.Supplier;

/** Opening a channel, with the client's unchecked failures and its null (no channel left) as one checked error. */
public final class Channels {

    private Channels() {
    }

    /**
     * A new channel on the connection.
     *
     * @throws IOException when there is no open connection or it has no free channel
     */
    public static Channel open(Supplier<Connection> connection) throws IOException {
        Channel ch;
        try {
            ch = connection.get().createChannel();
        } catch (RuntimeException e) {
            throw new IOException("cannot open a channel: " + e.getMessage(), e);
        }
        if (ch == null) {
            throw new IOException("the connection has no free channel (channel_max reached)");
        }
        return ch;
    }
}
