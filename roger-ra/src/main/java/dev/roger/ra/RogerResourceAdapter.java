package dev.roger.ra;

import dev.roger.api.RogerJobListener;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.client.amqp.BrokerNames;
import dev.roger.client.amqp.QueueType;
import dev.roger.ra.engine.DeliverySettings;
import dev.roger.ra.engine.EngineSettings;
import dev.roger.ra.engine.RogerEngine;
import dev.roger.ra.engine.TelemetrySettings;
import dev.roger.ra.inbound.RogerActivationSpec;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import dev.roger.ra.inbound.RetrySchedule;
import dev.roger.api.spi.OutboxConfiguration;
import dev.roger.api.spi.StateConfiguration;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger.Level;
import java.time.Duration;
import javax.transaction.xa.XAResource;

/**
 * Roger's resource adapter: owns the AMQP connection, consumes the partitions' queues and runs
 * jobs on the container's WorkManager in the {@link RogerJobListener} beans. Its properties are
 * the node's configuration (see docs/reference/configuration.md); every one has a default, and
 * each can also be given as a system property {@code roger.<name>} ({@link SystemPropertyFallback}).
 */
@Connector(
        displayName = "Roger",
        description = "Multi-tenant background jobs on RabbitMQ",
        vendorName = "Roger",
        eisType = "RabbitMQ",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class RogerResourceAdapter implements ResourceAdapter {

    private static final System.Logger LOG = System.getLogger(RogerResourceAdapter.class.getName());

    @ConfigProperty(description = "AMQP URI, e.g. amqp://user:pass@host:5672/vhost. Unset: -Droger.amqp.uri, "
            + "else env ROGER_AMQP_URI, else amqp://guest:guest@127.0.0.1:5672 (unless host is set)")
    private String uri;
    @ConfigProperty(description = "Broker host (instead of uri)")
    private String host;
    @ConfigProperty(description = "Broker port (default 5672, 5671 with TLS)")
    private Integer port;
    @ConfigProperty(description = "User name")
    private String username;
    @ConfigProperty(description = "Password", confidential = true)
    private String password;
    @ConfigProperty(description = "Virtual host")
    private String virtualHost;
    @ConfigProperty(description = "Heartbeat in seconds (default: the broker's, 60)")
    private Integer heartbeatSeconds;
    @ConfigProperty(description = "Connection and handshake timeout in seconds", defaultValue = "10")
    private Integer connectionTimeoutSeconds = 10;
    @ConfigProperty(description = "Use TLS (verifies the broker's certificate and host name)", defaultValue = "false")
    private Boolean tls = false;
    @ConfigProperty(description = "Trust store file for TLS (default: the JVM's)")
    private String tlsTrustStore;
    @ConfigProperty(description = "Trust store password", confidential = true)
    private String tlsTrustStorePassword;
    @ConfigProperty(description = "Extra AMQP client properties, key=value,key=value")
    private String clientProperties;
    @ConfigProperty(description = "This node's name (default host:pid)")
    private String nodeName;
    @ConfigProperty(description = "Type of main queues: quorum or classic", defaultValue = "quorum")
    private String queueType = "quorum";
    @ConfigProperty(description = "Seconds to wait for a publisher confirm", defaultValue = "10")
    private Integer publishTimeoutSeconds = 10;
    @ConfigProperty(description = "Largest encoded job in bytes", defaultValue = "1048576")
    private Integer maxJobBytes = 1 << 20;
    @ConfigProperty(description = "Most messages kept in a buried queue (oldest dropped)", defaultValue = "10000")
    private Integer buriedMaxLength = 10_000;
    @ConfigProperty(description = "Partition of beans that declare no partitions", defaultValue = "default")
    private String defaultPartition = "default";
    @ConfigProperty(description = "Workers of a queue a bean uses without declaring partitions", defaultValue = "10")
    private Integer defaultWorkers = 10;
    @ConfigProperty(description = "Seconds after a bean activation during which jobs of unknown types are "
            + "requeued rather than buried (other beans may still be activating)", defaultValue = "30")
    private Integer unknownTypeGraceSeconds = 30;

    @ConfigProperty(description = "Most jobs running at once on this node over all partitions; when reached, "
            + "partitions with work take turns (0 = no cap beyond the sum of the queues' workers)", defaultValue = "0")
    private Integer maxConcurrentJobs = 0;
    @ConfigProperty(description = "Consumer channels per AMQP connection; more partition queues open more "
            + "connections", defaultValue = "500")
    private Integer channelsPerConnection = 500;
    @ConfigProperty(description = "Where partition owners keep the global state: filesystem, jdbc, none, or the "
            + "class name of a dev.roger.api.spi.StatePersister", defaultValue = "filesystem")
    private String statePersister = "filesystem";
    @ConfigProperty(description = "Directory of the filesystem persister (default <java.io.tmpdir>/roger-state); "
            + "shared by all nodes for fail-over")
    private String stateDirectory;
    @ConfigProperty(description = "JNDI name of the DataSource of the jdbc persister (e.g. jdbc/roger; tried as given, "
            + "then under java:app/, java:global/ and java:comp/env/; a java: name only as given)")
    private String stateDataSource;
    @ConfigProperty(description = "Seconds an execution key stays held after its node stopped renewing it (node died)",
            defaultValue = "30")
    private Integer keyLeaseSeconds = 30;
    @ConfigProperty(description = "Hours a cancelled job id is remembered", defaultValue = "24")
    private Integer cancelRetentionHours = 24;
    @ConfigProperty(description = "Whether an enqueue inside a JTA transaction publishes after the commit (and never "
            + "after a rollback); false publishes at once, as outside a transaction", defaultValue = "true")
    private Boolean enqueueAfterCommit = Boolean.TRUE;
    @ConfigProperty(description = "JNDI name of the DataSource of the transactional outbox (RogerOutbox; same lookup "
            + "as stateDataSource): jobs are written to its table roger_outbox in the caller's transaction and each "
            + "node's applications relay them to the broker. Unset: no outbox")
    private String outboxDataSource;
    @ConfigProperty(description = "Milliseconds between two looks of a node's outbox relay for committed rows",
            defaultValue = "200")
    private Integer outboxPollMillis = 200;
    @ConfigProperty(description = "Seconds to wait for a partition state owner's answer", defaultValue = "5")
    private Integer stateTimeoutSeconds = 5;
    @ConfigProperty(description = "Retry delays in seconds of retryable jobs, after the 1st, 2nd, ... failure; "
            + "when used up the job is buried", defaultValue = "1,3,5,10,20,35,60,100,200,400,1000,1800")
    private String retryLevels = "1,3,5,10,20,35,60,100,200,400,1000,1800";
    @ConfigProperty(description = "Days a buried queue keeps a message (older ones are dropped and logged)",
            defaultValue = "30")
    private Integer buriedMaxAgeDays = 30;
    @ConfigProperty(description = "The Roger cluster this node is in (1 to 15 characters of A-Z, a-z, 0-9, _ and -): "
            + "every queue and exchange it uses is named <cluster>.<name>, so it sees only its own cluster's nodes, "
            + "owners and jobs. Unset: the default cluster, with Roger's usual names")
    private String cluster;

    @ConfigProperty(description = "Seconds running jobs may finish after a shutdown or undeploy began; jobs still "
            + "running then are interrupted and put back to their queues", defaultValue = "25")
    private Integer shutdownGraceSeconds = 25;
    @ConfigProperty(description = "The broker's consumer_timeout in seconds (RabbitMQ's default 1800; 0 if it has "
            + "none): a job whose delivery is held for half of it is detached from it, so the broker does not close "
            + "its channel", defaultValue = "1800")
    private Integer brokerConsumerTimeoutSeconds = 1800;
    @ConfigProperty(description = "Seconds a delivery may stay unsettled at one stage before it is logged as stuck "
            + "(a running job with a maximum execution time: that plus 30 s)", defaultValue = "600")
    private Integer stuckDeliveryWarningSeconds = 600;

    @ConfigProperty(description = "Keep node metrics, scraped as Prometheus text from roger-console's /metrics "
            + "(false: nothing is counted)", defaultValue = "true")
    private Boolean metricsEnabled = true;
    @ConfigProperty(description = "How many partitions get a partition label of their own in the metrics (the first "
            + "seen); later ones are counted as partition=\"_other\"", defaultValue = "100")
    private Integer metricsPartitionLabels = 100;
    @ConfigProperty(description = "Record OpenTelemetry spans of enqueues and job runs with the application's "
            + "OpenTelemetry, and put trace headers on messages (false: no span, no header)", defaultValue = "true")
    private Boolean tracingEnabled = true;

    private RogerEngine engine;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            SystemPropertyFallback.apply(this, System::getProperty);
            engine = new RogerEngine(amqpSettings(), engineSettings(), deliverySettings(), telemetrySettings(),
                    context.getWorkManager(), context.createTimer());
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("Invalid Roger resource adapter configuration: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ResourceAdapterInternalException("Roger could not start: " + e.getMessage(), e);
        }
        if (!Boolean.FALSE.equals(enqueueAfterCommit)) {
            engine.enqueueAfterCommit(context.getTransactionSynchronizationRegistry());
        }
        engine.start();
        LOG.log(Level.INFO, "Roger started on node {0} in {2}, broker {1}", engine.settings().nodeName(),
                engine.brokerDescription(), engine.settings().names());
    }

    @Override
    public void stop() {
        if (engine != null) {
            engine.stop();
            engine = null;
        }
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        requireEngine().activate(factory, (RogerActivationSpec) spec);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        if (engine != null) {
            engine.deactivate(factory);
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** The running engine, for the outbound connections. */
    public RogerEngine requireEngine() throws ResourceAdapterInternalException {
        RogerEngine e = engine;
        if (e == null) {
            throw new ResourceAdapterInternalException("The Roger resource adapter is not started");
        }
        return e;
    }

    AmqpSettings amqpSettings() {
        return AmqpSettings.builder()
                .uri(uri).host(host).port(port).username(username).password(password).virtualHost(virtualHost)
                .heartbeat(heartbeatSeconds == null ? null : Duration.ofSeconds(heartbeatSeconds))
                .connectionTimeout(Duration.ofSeconds(positive("connectionTimeoutSeconds", connectionTimeoutSeconds)))
                .tls(Boolean.TRUE.equals(tls))
                .trustStore(tlsTrustStore, tlsTrustStorePassword)
                .clientProperties(clientProperties)
                .build();
    }

    EngineSettings engineSettings() {
        BrokerNames names = brokerNames();
        return new EngineSettings(
                nodeName == null || nodeName.isBlank() ? EngineSettings.defaultNodeName() : nodeName.strip(),
                QueueType.parse(queueType),
                Duration.ofSeconds(positive("publishTimeoutSeconds", publishTimeoutSeconds)),
                positive("maxJobBytes", maxJobBytes),
                positive("buriedMaxLength", buriedMaxLength),
                defaultPartition,
                positive("defaultWorkers", defaultWorkers),
                Duration.ofSeconds(unknownTypeGraceSeconds == null ? 0 : Math.max(0, unknownTypeGraceSeconds)),
                maxConcurrentJobs == null ? 0 : Math.max(0, maxConcurrentJobs),
                positive("channelsPerConnection", channelsPerConnection),
                Duration.ofSeconds(positive("stateTimeoutSeconds", stateTimeoutSeconds)),
                new StateConfiguration(statePersister == null || statePersister.isBlank() ? "filesystem" : statePersister.strip(),
                        stateDirectory, stateDataSource,
                        Duration.ofSeconds(positive("keyLeaseSeconds", keyLeaseSeconds)),
                        Duration.ofHours(positive("cancelRetentionHours", cancelRetentionHours)),
                        names.cluster().orElse(null)),
                RetrySchedule.parse("retryLevels", retryLevels),
                Duration.ofDays(positive("buriedMaxAgeDays", buriedMaxAgeDays)),
                names,
                new OutboxConfiguration(outboxDataSource == null || outboxDataSource.isBlank() ? null
                        : outboxDataSource.strip(), Duration.ofMillis(positive("outboxPollMillis", outboxPollMillis)),
                        names.cluster().orElse(null)));
    }

    private BrokerNames brokerNames() {
        if (cluster == null || cluster.isBlank()) {
            return BrokerNames.DEFAULT;
        }
        try {
            return BrokerNames.of(cluster.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property cluster = '" + cluster + "': " + e.getMessage(), e);
        }
    }

    DeliverySettings deliverySettings() {
        return new DeliverySettings(
                Duration.ofSeconds(shutdownGraceSeconds == null ? 0 : Math.max(0, shutdownGraceSeconds)),
                Duration.ofSeconds(positive("stuckDeliveryWarningSeconds", stuckDeliveryWarningSeconds)),
                Duration.ofSeconds(notNegative("brokerConsumerTimeoutSeconds", brokerConsumerTimeoutSeconds)));
    }

    TelemetrySettings telemetrySettings() {
        return new TelemetrySettings(!Boolean.FALSE.equals(metricsEnabled),
                notNegative("metricsPartitionLabels", metricsPartitionLabels), !Boolean.FALSE.equals(tracingEnabled));
    }

    private static int notNegative(String name, Integer value) {
        if (value == null || value < 0) {
            throw new IllegalArgumentException("property " + name + " must be 0 or more, was " + value);
        }
        return value;
    }

    private static int positive(String name, Integer value) {
        if (value == null || value < 1) {
            throw new IllegalArgumentException("property " + name + " must be at least 1, was " + value);
        }
        return value;
    }

    // JavaBean accessors: the container sets the configuration through them.

    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getRetryLevels() { return retryLevels; }
    public void setRetryLevels(String retryLevels) { this.retryLevels = retryLevels; }
    public Integer getBuriedMaxAgeDays() { return buriedMaxAgeDays; }
    public void setBuriedMaxAgeDays(Integer buriedMaxAgeDays) { this.buriedMaxAgeDays = buriedMaxAgeDays; }
    public String getStatePersister() { return statePersister; }
    public void setStatePersister(String statePersister) { this.statePersister = statePersister; }
    public String getStateDirectory() { return stateDirectory; }
    public void setStateDirectory(String stateDirectory) { this.stateDirectory = stateDirectory; }
    public String getStateDataSource() { return stateDataSource; }
    public void setStateDataSource(String stateDataSource) { this.stateDataSource = stateDataSource; }
    public Integer getKeyLeaseSeconds() { return keyLeaseSeconds; }
    public void setKeyLeaseSeconds(Integer keyLeaseSeconds) { this.keyLeaseSeconds = keyLeaseSeconds; }
    public String getOutboxDataSource() { return outboxDataSource; }
    public void setOutboxDataSource(String outboxDataSource) { this.outboxDataSource = outboxDataSource; }
    public Integer getOutboxPollMillis() { return outboxPollMillis; }
    public void setOutboxPollMillis(Integer outboxPollMillis) { this.outboxPollMillis = outboxPollMillis; }
    public Boolean getEnqueueAfterCommit() { return enqueueAfterCommit; }
    public void setEnqueueAfterCommit(Boolean enqueueAfterCommit) { this.enqueueAfterCommit = enqueueAfterCommit; }
    public Integer getCancelRetentionHours() { return cancelRetentionHours; }
    public void setCancelRetentionHours(Integer cancelRetentionHours) { this.cancelRetentionHours = cancelRetentionHours; }
    public Integer getStateTimeoutSeconds() { return stateTimeoutSeconds; }
    public void setStateTimeoutSeconds(Integer stateTimeoutSeconds) { this.stateTimeoutSeconds = stateTimeoutSeconds; }
    public String getUri() { return uri; }
    public void setUri(String uri) { this.uri = uri; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getVirtualHost() { return virtualHost; }
    public void setVirtualHost(String virtualHost) { this.virtualHost = virtualHost; }
    public Integer getHeartbeatSeconds() { return heartbeatSeconds; }
    public void setHeartbeatSeconds(Integer heartbeatSeconds) { this.heartbeatSeconds = heartbeatSeconds; }
    public Integer getConnectionTimeoutSeconds() { return connectionTimeoutSeconds; }
    public void setConnectionTimeoutSeconds(Integer s) { this.connectionTimeoutSeconds = s; }
    public Boolean getTls() { return tls; }
    public void setTls(Boolean tls) { this.tls = tls; }
    public String getTlsTrustStore() { return tlsTrustStore; }
    public void setTlsTrustStore(String tlsTrustStore) { this.tlsTrustStore = tlsTrustStore; }
    public String getTlsTrustStorePassword() { return tlsTrustStorePassword; }
    public void setTlsTrustStorePassword(String p) { this.tlsTrustStorePassword = p; }
    public String getClientProperties() { return clientProperties; }
    public void setClientProperties(String clientProperties) { this.clientProperties = clientProperties; }
    public String getNodeName() { return nodeName; }
    public void setNodeName(String nodeName) { this.nodeName = nodeName; }
    public String getQueueType() { return queueType; }
    public void setQueueType(String queueType) { this.queueType = queueType; }
    public Integer getPublishTimeoutSeconds() { return publishTimeoutSeconds; }
    public void setPublishTimeoutSeconds(Integer s) { this.publishTimeoutSeconds = s; }
    public Integer getMaxJobBytes() { return maxJobBytes; }
    public void setMaxJobBytes(Integer maxJobBytes) { this.maxJobBytes = maxJobBytes; }
    public Integer getBuriedMaxLength() { return buriedMaxLength; }
    public void setBuriedMaxLength(Integer buriedMaxLength) { this.buriedMaxLength = buriedMaxLength; }
    public String getDefaultPartition() { return defaultPartition; }
    public void setDefaultPartition(String defaultPartition) { this.defaultPartition = defaultPartition; }
    public Integer getDefaultWorkers() { return defaultWorkers; }
    public void setDefaultWorkers(Integer defaultWorkers) { this.defaultWorkers = defaultWorkers; }
    public Integer getUnknownTypeGraceSeconds() { return unknownTypeGraceSeconds; }
    public void setUnknownTypeGraceSeconds(Integer s) { this.unknownTypeGraceSeconds = s; }

    public Integer getBrokerConsumerTimeoutSeconds() { return brokerConsumerTimeoutSeconds; }
    public void setBrokerConsumerTimeoutSeconds(Integer s) { this.brokerConsumerTimeoutSeconds = s; }
    public Integer getShutdownGraceSeconds() { return shutdownGraceSeconds; }
    public void setShutdownGraceSeconds(Integer s) { this.shutdownGraceSeconds = s; }
    public Integer getStuckDeliveryWarningSeconds() { return stuckDeliveryWarningSeconds; }
    public void setStuckDeliveryWarningSeconds(Integer s) { this.stuckDeliveryWarningSeconds = s; }
    public Boolean getMetricsEnabled() { return metricsEnabled; }
    public void setMetricsEnabled(Boolean b) { this.metricsEnabled = b; }
    public Boolean getTracingEnabled() { return tracingEnabled; }
    public void setTracingEnabled(Boolean b) { this.tracingEnabled = b; }
    public Integer getMetricsPartitionLabels() { return metricsPartitionLabels; }
    public void setMetricsPartitionLabels(Integer n) { this.metricsPartitionLabels = n; }
    public Integer getMaxConcurrentJobs() { return maxConcurrentJobs; }
    public void setMaxConcurrentJobs(Integer n) { this.maxConcurrentJobs = n; }
    public Integer getChannelsPerConnection() { return channelsPerConnection; }
    public void setChannelsPerConnection(Integer n) { this.channelsPerConnection = n; }

    // The JCA contract asks resource adapters to define equality; one instance per deployment.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
