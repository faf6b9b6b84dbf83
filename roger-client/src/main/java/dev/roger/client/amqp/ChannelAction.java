package dev.roger.client.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Something done with a borrowed channel. */
@FunctionalInterface
public interface ChannelAction<T> {
    T apply(Channel channel) throws IOException, TimeoutException, InterruptedException;
}
