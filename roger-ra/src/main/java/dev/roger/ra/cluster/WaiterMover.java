package dev.roger.ra.cluster;

import com.rabbitmq.client.GetResponse;
import dev.roger.api.Names;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.wire.JobCodec;
import dev.roger.client.wire.JobDecodeException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * On the owner: moves one job from an execution key's waiting queue back to the tail of its main
 * queue, where it competes for the key again. The waiting copy is acked only after the broker
 * confirmed the moved one, so a crash in between duplicates a waiter rather than losing it.
 */
final class WaiterMover {

    private static final System.Logger LOG = System.getLogger(WaiterMover.class.getName());

    private final ConfirmPublisher publisher;
    private final QueueDeclarer declarer;
    private final BrokerNames names;
    private final Executor executor;
    private final BiConsumer<String, String> foundEmpty;

    /**
     * @param foundEmpty told (partition, key) when the waiting queue had nothing to move
     */
    WaiterMover(ConfirmPublisher publisher, QueueDeclarer declarer, BrokerNames names, Executor executor,
                BiConsumer<String, String> foundEmpty) {
        this.publisher = publisher;
        this.declarer = declarer;
        this.names = names;
        this.executor = executor;
        this.foundEmpty = foundEmpty;
    }

    void moveOne(String partition, String key) {
        executor.execute(() -> {
            try {
                if (!move(partition, key)) {
                    foundEmpty.accept(partition, key);
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                if (Errors.isChannelClose(e, Errors.NOT_FOUND)) {
                    foundEmpty.accept(partition, key);
                } else {
                    // The owner's tick tries again while the key is free and has waiters.
                    LOG.log(Level.WARNING, "Could not move a job waiting for execution key {0} of partition {1}: {2}",
                            key, partition, e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private boolean move(String partition, String key) throws IOException, TimeoutException, InterruptedException {
        String waiting = names.waitingQueue(partition, key);
        return publisher.withChannel(ch -> {
            GetResponse got = ch.basicGet(waiting, false);
            if (got == null) {
                return false;
            }
            String queue = Names.DEFAULT_QUEUE;
            try {
                queue = JobCodec.decode(got.getBody()).queue().orElse(Names.DEFAULT_QUEUE);
            } catch (JobDecodeException e) {
                // Roger wrote it; if it is unreadable the main queue's consumer buries it with the reason.
                LOG.log(Level.WARNING, "A job in {0} is unreadable ({1}); it goes to the default queue",
                        waiting, e.getMessage());
            }
            String main = names.mainQueue(partition, queue);
            declarer.ensureMain(main);
            ch.basicPublish("", main, got.getProps(), got.getBody());
            if (!ch.waitForConfirms(10_000)) {
                throw new IOException("RabbitMQ refused the moved job");
            }
            ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
            LOG.log(Level.DEBUG, "Moved job {0} from {1} to {2}", got.getProps().getMessageId(), waiting, main);
            return true;
        });
    }
}
