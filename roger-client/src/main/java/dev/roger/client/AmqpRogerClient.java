package dev.roger.client;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.roger.api.EnqueueException;
import dev.roger.api.ControlResult;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.Job;
import dev.roger.api.Names;
import dev.roger.api.PartitionSpec;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.client.admin.ClusterAdmin;
import dev.roger.client.buried.BuriedQueues;
import dev.roger.api.RogerException;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.ConfirmPublisher;
import dev.roger.client.amqp.Errors;
import dev.roger.client.amqp.QueueDeclarer;
import dev.roger.client.amqp.QueueType;
import dev.roger.client.tracing.EnqueueTracing;
import io.opentelemetry.api.OpenTelemetry;
import dev.roger.client.cluster.ClusterCalls;
import dev.roger.client.cluster.ClusterClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@link RogerClient} for plain Java SE: producers in other services, tests, benchmarks; and,
 * through {@link #admin()}, the {@link RogerAdmin} of operators' tools.
 *
 * <pre>{@code
 * try (AmqpRogerClient roger = AmqpRogerClient.connect("amqp://guest:guest@localhost:5672")) {
 *     roger.enqueue("myapp", Job.builder("send-welcome-mail").args(mail).build());
 * }
 * }</pre>
 *
 * <p>Thread-safe; create one per process and share it.
 */
public final class AmqpRogerClient implements RogerClient, AutoCloseable {

    private final Connection connection;
    private final ConfirmPublisher publisher;
    private final JobEnqueuer enqueuer;
    private final ClusterClient cluster;
    private final RogerAdmin admin;

    private AmqpRogerClient(Builder b) {
        AmqpSettings settings = b.settings != null ? b.settings : AmqpSettings.ofUri(AmqpSettings.defaultUri());
        ConnectionFactory factory = settings.newConnectionFactory();
        try {
            this.connection = factory.newConnection("roger-client");
        } catch (IOException | TimeoutException e) {
            throw new RogerException("Cannot connect to RabbitMQ at " + settings.describe() + ": "
                    + Errors.describe(e), e);
        }
        this.publisher = new ConfirmPublisher(this::openConnection, b.confirmTimeout);
        this.cluster = new ClusterClient(new ClusterCalls(this::openConnection, b.names, b.stateTimeout,
                b.controlTimeout));
        QueueDeclarer declarer = new QueueDeclarer(publisher, b.queueType, b.buriedMaxLength,
                Duration.ofDays(30), b.names);
        this.enqueuer = new JobEnqueuer(publisher, declarer, cluster, b.names, b.maxJobBytes, settings.describe(),
                b.tracing);
        this.admin = new ClusterAdmin(this::openConnection, cluster,
                new BuriedQueues(this::openConnection, declarer, cluster, b.names), b.names, null);
    }

    /** A client on the broker at {@code uri}, e.g. {@code amqp://user:pass@host:5672/vhost}. */
    public static AmqpRogerClient connect(String uri) {
        return builder().settings(AmqpSettings.ofUri(uri)).build();
    }

    /** A client with the given connection settings. */
    public static AmqpRogerClient connect(AmqpSettings settings) {
        return builder().settings(settings).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private Connection openConnection() {
        if (!connection.isOpen()) {
            throw new IllegalStateException("the connection to RabbitMQ is down (recovering)");
        }
        return connection;
    }

    /** {@inheritDoc} The queue is the job's, else {@code default}. */
    @Override
    public Job enqueue(String partition, Job job) {
        return enqueuer.enqueue(partition, job, job.queue().orElse(Names.DEFAULT_QUEUE));
    }

    /** {@inheritDoc} Each job's queue is its own, else {@code default}. */
    @Override
    public List<Job> enqueueAll(String partition, List<Job> jobs) {
        return enqueuer.enqueueAll(partition, jobs, job -> job.queue().orElse(Names.DEFAULT_QUEUE));
    }

    @Override
    public ControlResult cancel(String partition, String jobId) {
        return cluster.cancel(partition, jobId);
    }

    @Override
    public ControlResult cancel(String partition, Job job) {
        return cluster.cancel(partition, job.id(), job.runAt().orElse(null));
    }

    /**
     * The operators' operations on the cluster this client is in, over this client's connection:
     * info, queues, purges, buried jobs, and partitions on a named node (sent to it over the
     * control channel).
     */
    public RogerAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        cluster.calls().close();
        publisher.close();
        try {
            // Bounded: a hung broker never answers the close.
            connection.close(5000);
        } catch (IOException | RuntimeException e) {
            // Already closed or the broker went away: nothing left to release.
        }
    }

    /** Builds an {@link AmqpRogerClient}. */
    public static final class Builder {
        private AmqpSettings settings;
        private QueueType queueType = QueueType.QUORUM;
        private Duration confirmTimeout = Duration.ofSeconds(10);
        private Duration stateTimeout = Duration.ofSeconds(5);
        private Duration controlTimeout = Duration.ofSeconds(3);
        private int maxJobBytes = 1 << 20;
        private int buriedMaxLength = 10_000;
        private BrokerNames names = BrokerNames.DEFAULT;
        private EnqueueTracing tracing = EnqueueTracing.global();

        /** Where the broker is; default {@link AmqpSettings#defaultUri()}. */
        public Builder settings(AmqpSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * The Roger cluster to work in: the one whose nodes have the adapter property
         * {@code cluster} set to this name. Its queues and control exchange are named
         * {@code <cluster>.<name>}, so this client enqueues to, cancels and pauses only in that
         * cluster. Default: the default cluster (the adapter property unset), whose names are
         * Roger's usual ones.
         *
         * @throws IllegalArgumentException when it is not 1 to 15 characters of A-Z, a-z, 0-9, '_' and '-'
         */
        public Builder cluster(String cluster) {
            this.names = BrokerNames.of(cluster);
            return this;
        }

        /** The type main queues are declared with when this client creates them (default quorum). */
        public Builder queueType(QueueType type) {
            this.queueType = type;
            return this;
        }

        /** How long {@code enqueue} waits for the broker's confirm (default 10 s). */
        public Builder confirmTimeout(Duration timeout) {
            this.confirmTimeout = timeout;
            return this;
        }

        /** How long to wait for a partition state owner's answer (queue keys, cancel, pause); default 5 s. */
        public Builder stateTimeout(Duration timeout) {
            this.stateTimeout = requirePositive(timeout, "stateTimeout");
            return this;
        }

        /** How long to collect the nodes' answers to cancel, pause and resume; default 3 s. */
        public Builder controlTimeout(Duration timeout) {
            this.controlTimeout = requirePositive(timeout, "controlTimeout");
            return this;
        }

        /** The largest encoded job accepted (default 1 MiB). */
        public Builder maxJobBytes(int bytes) {
            this.maxJobBytes = bytes;
            return this;
        }

        /**
         * The OpenTelemetry that records the enqueues' spans (docs/guide/tracing.md); default
         * {@link io.opentelemetry.api.GlobalOpenTelemetry}, a no-op until the process sets one up.
         */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            java.util.Objects.requireNonNull(openTelemetry, "openTelemetry");
            this.tracing = new EnqueueTracing(() -> openTelemetry);
            return this;
        }

        /** How many messages a buried queue this client declares keeps (default 10,000). */
        public Builder buriedMaxLength(int length) {
            this.buriedMaxLength = length;
            return this;
        }

        private static Duration requirePositive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be a positive duration, not " + d);
            }
            return d;
        }

        /**
         * Connects.
         *
         * @throws RogerException when the broker cannot be reached
         */
        public AmqpRogerClient build() {
            return new AmqpRogerClient(this);
        }
    }
}
