package dev.roger.ra.cluster;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.cluster.ClusterCalls;
import dev.roger.client.cluster.ControlCommand;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * This node's end of the control channel: a server-named exclusive queue bound to its cluster's
 * control fanout exchange, where cancel, pause and resume arrive from any node or client of the
 * cluster, each answered with this node's name. It also consumes the cluster's members queue,
 * whose consumer count tells callers how many nodes to expect.
 */
final class NodeControl {

    private static final System.Logger LOG = System.getLogger(NodeControl.class.getName());

    /** What the commands do on this node. */
    interface Handler {
        void cancel(String partition, String jobId);

        void pause(String partition, String queue);

        void resume(String partition, String queue);

        /**
         * Info and the partition commands: what they return (null: nothing), or an exception that
         * is sent back to the caller of a command to this node.
         *
         * @throws UnsupportedOperationException for a command this node does not know
         */
        jakarta.json.JsonValue nodeCommand(ControlCommand command);
    }

    private final String node;
    private final BrokerNames names;
    private final Handler handler;
    private final Runnable reconnected;
    private final java.util.concurrent.Executor executor;
    private Channel channel;

    /**
     * @param reconnected runs when the control channel is back after a connection loss: commands
     *                    sent meanwhile were missed
     */
    NodeControl(String node, BrokerNames names, Handler handler, Runnable reconnected,
                java.util.concurrent.Executor executor) {
        this.executor = executor;
        this.node = node;
        this.names = names;
        this.handler = handler;
        this.reconnected = reconnected;
    }

    /** Opens the control queue on the connection, unless it is open; automatic recovery keeps it afterwards. */
    synchronized void ensureOpen(Connection connection) throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        Channel ch = connection.createChannel();
        if (ch instanceof com.rabbitmq.client.Recoverable recoverable) {
            recoverable.addRecoveryListener(new com.rabbitmq.client.RecoveryListener() {
                @Override
                public void handleRecovery(com.rabbitmq.client.Recoverable r) {
                    reconnected.run();
                }

                @Override
                public void handleRecoveryStarted(com.rabbitmq.client.Recoverable r) {
                    // Nothing until it is back.
                }
            });
        }
        if (channel != null) {
            // A channel error closed the old one: commands may have been missed meanwhile.
            reconnected.run();
        }
        ch.exchangeDeclare(names.controlExchange(), "fanout", true);
        String queue = ch.queueDeclare().getQueue();
        ch.queueBind(queue, names.controlExchange(), "");
        ch.basicConsume(queue, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                onCommand(getChannel(), props, body);
            }
        });
        ch.queueDeclare(names.membersQueue(), true, false, false, null);
        ch.basicConsume(names.membersQueue(), true, new DefaultConsumer(ch));
        channel = ch;
    }

    private void onCommand(Channel ch, AMQP.BasicProperties props, byte[] body) {
        ControlCommand command;
        try {
            command = ControlCommand.decode(body);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Ignored a message on the control exchange: {0}", e.getMessage());
            return;
        }
        if (!command.isFor(node)) {
            // A command to another node: neither done nor answered here.
            return;
        }
        switch (command.command()) {
            case ControlCommand.CANCEL, ControlCommand.PAUSE, ControlCommand.RESUME, ControlCommand.PING ->
                    execute(ch, props, command);
            // Info and the partition commands may take long (a safe stop waits for jobs): off the
            // control channel's thread, so cancels and pauses are not held up behind them.
            default -> executor.execute(() -> execute(ch, props, command));
        }
    }

    private void execute(Channel ch, AMQP.BasicProperties props, ControlCommand command) {
        jakarta.json.JsonValue result = null;
        RuntimeException error = null;
        try {
            switch (command.command()) {
                case ControlCommand.CANCEL -> handler.cancel(command.partition(), command.jobId());
                case ControlCommand.PAUSE -> handler.pause(command.partition(), command.queue());
                case ControlCommand.RESUME -> handler.resume(command.partition(), command.queue());
                case ControlCommand.PING -> { }
                default -> result = handler.nodeCommand(command);
            }
        } catch (UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "Ignored unknown control command ''{0}''", command.command());
            return;
        } catch (RuntimeException e) {
            if (command.node() == null) {
                LOG.log(Level.WARNING, "Control command " + command + " failed on this node", e);
                return;
            }
            // Asked of this node alone: the caller gets the failure.
            LOG.log(Level.DEBUG, "Control command {0} failed on this node: {1}", command, e.getMessage());
            error = e;
        }
        if (props.getReplyTo() != null) {
            try {
                AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                        .correlationId(props.getCorrelationId()).contentType("application/json").build();
                byte[] body = ClusterCalls.controlReply(node, result, error);
                synchronized (ch) {
                    ch.basicPublish("", props.getReplyTo(), reply, body);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not answer a control command", e);
            }
        }
    }

    synchronized void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // Closing anyway.
            }
        }
        channel = null;
    }
}
