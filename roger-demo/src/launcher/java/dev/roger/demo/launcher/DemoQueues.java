package dev.roger.demo.launcher;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.client.amqp.AmqpSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the RabbitMQ queues of the demo's partitions (main and buried), so that every run
 * starts from empty queues and leaves none behind: leftover jobs would run before the
 * application's event bridge is registered and spoil the counts.
 */
final class DemoQueues {

    private final String amqpUri;
    private final List<String> names;

    DemoQueues(String amqpUri, List<PartitionSpec> partitions) {
        this.amqpUri = amqpUri;
        List<String> all = new ArrayList<>();
        for (PartitionSpec spec : partitions) {
            for (String queue : spec.queues().keySet()) {
                all.add(Names.mainQueue(spec.partition(), queue));
                all.add(Names.buriedQueue(spec.partition(), queue));
            }
        }
        this.names = List.copyOf(all);
    }

    /**
     * Deletes the queues, with their messages; missing ones are fine.
     *
     * @throws DemoFailure when the broker cannot be reached
     */
    void delete() {
        ConnectionFactory factory = AmqpSettings.ofUri(amqpUri).newConnectionFactory();
        // A one-off clean-up: fail at once instead of retrying in the background.
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("roger-demo-cleanup")) {
            for (String name : names) {
                // One channel per queue: an error closes the channel it happened on.
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(name);
                }
            }
        } catch (Exception e) {
            throw new DemoFailure("Cannot delete the demo's queues on RabbitMQ at " + AmqpSettings.redact(amqpUri)
                    + " (" + e + "). Is RabbitMQ running? Set ROGER_AMQP_URI to use another broker.", e);
        }
    }
}
