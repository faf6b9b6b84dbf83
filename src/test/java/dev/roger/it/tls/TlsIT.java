package dev.roger.it.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.Job;
import dev.roger.api.RogerException;
import dev.roger.client.AmqpRogerClient;
import dev.roger.client.amqp.AmqpSettings;
import dev.roger.testing.Await;
import dev.roger.it.support.Deployments;
import dev.roger.it.support.PayaraMicro;
import dev.roger.it.support.PayaraProcess;
import dev.roger.it.support.RabbitNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS to the broker: a RabbitMQ node of this test's own with a TLS listener whose certificate is
 * for {@code localhost}/{@code 127.0.0.1}, from a CA made for the run (and a plain listener, only to
 * show what {@code amqps://} to it says). The Java SE client and the
 * resource adapter connect with {@code amqps://} and verify the certificate and the host name; a
 * name the certificate does not list, or a CA the trust store does not hold, is refused with an
 * error naming the host and saying it is the certificate.
 */
class TlsIT {

    private static final String NODE = "rogertls@localhost";
    private static final int TLS_PORT = 5691;
    private static final int PLAIN_PORT = 5690;
    private static final int DIST_PORT = 25691;
    private static final String USER = "roger-tls";
    private static final Duration BOOT = Duration.ofSeconds(120);

    private static TestCertificates certs;
    private static RabbitNode broker;
    private static String password;

    @BeforeAll
    static void startTlsBroker() throws Exception {
        Path dir = PayaraMicro.dir().resolveSibling("rabbit-rogertls");
        certs = TestCertificates.generate(dir.resolve("certs"));
        broker = RabbitNode.start(NODE, DIST_PORT, dir, List.of(
                "listeners.tcp.local = 127.0.0.1:" + PLAIN_PORT,
                "listeners.ssl.default = " + TLS_PORT,
                "ssl_options.cacertfile = " + certs.caCert(),
                "ssl_options.certfile = " + certs.serverCert(),
                "ssl_options.keyfile = " + certs.serverKey(),
                "ssl_options.verify = verify_none",
                "ssl_options.fail_if_no_peer_cert = false"));
        password = UUID.randomUUID().toString().replace("-", "");
        broker.ctl("add_user", USER, password);
        broker.ctl("set_permissions", "-p", "/", USER, ".*", ".*", ".*");
    }

    @AfterAll
    static void stopTlsBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String uri(String host) {
        return uri(host, TLS_PORT);
    }

    private static String uri(String host, int port) {
        return "amqps://" + USER + ":" + password + "@" + host + ":" + port;
    }

    private static AmqpSettings settings(String uri, Path trustStore) {
        return AmqpSettings.builder().uri(uri)
                .trustStore(trustStore == null ? null : trustStore.toString(), certs.trustStorePassword()).build();
    }

    /** Checks, on the broker's own word (rabbitmqctl), that it has connections and all of them are TLS. */
    private static void assertConnectionsAreTls(String what) {
        List<String> connections = broker.ctl("list_connections", "-q", "--no-table-headers", "user", "ssl").lines()
                .map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.replaceAll("\\s+", " ")).toList();
        assertTrue(!connections.isEmpty() && connections.stream().allMatch((USER + " true")::equals),
                what + ": connections (user, ssl) " + connections);
    }

    private static int messages(String queue) {
        return broker.ctl("list_queues", "-q", "--no-table-headers", "name", "messages").lines().map(l -> l.split("\\s+"))
                .filter(f -> f.length == 2 && f[0].equals(queue)).mapToInt(f -> Integer.parseInt(f[1]))
                .findFirst().orElse(-1);
    }

    @Test
    void theJavaSeClientEnqueuesOverVerifiedTlsByNameAndByAddress() {
        for (String host : List.of("localhost", "127.0.0.1")) {
            try (AmqpRogerClient client = AmqpRogerClient.connect(settings(uri(host), certs.trustStore()))) {
                // enqueue returns only once the broker confirmed the message.
                client.enqueue("tls-se", Job.builder("tls-se-job").args(host).build());
                assertConnectionsAreTls("the client via " + host);
            }
        }
        // rabbitmqctl reports a quorum queue's count from metrics refreshed every few seconds.
        Await.until("both confirmed jobs are in the queue", java.time.Duration.ofSeconds(30),
                () -> messages("tls-se-default") == 2);
    }

    @Test
    void aHostNameTheCertificateDoesNotListIsRefusedNamingTheHost() {
        // An address and a DNS name that reach the broker's listener (on all interfaces) but that
        // its certificate does not list.
        List<String> hosts = new ArrayList<>(List.of("127.0.0.2"));
        try {
            String machine = InetAddress.getLocalHost().getHostName();
            if (!machine.equals("localhost")) {
                hosts.add(machine);
            }
        } catch (UnknownHostException e) {
            // A machine whose own name does not resolve: the address alone.
        }
        for (String host : hosts) {
            RogerException e = assertThrows(RogerException.class,
                    () -> AmqpRogerClient.connect(settings(uri(host), certs.trustStore())).close(),
                    host + " reaches the broker but is not in its certificate (" + TestCertificates.SUBJECT_ALT_NAMES + ")");
            assertTrue(e.getMessage().contains("RabbitMQ at amqps://" + USER + "@" + host + ":" + TLS_PORT), e.getMessage());
            assertTrue(e.getMessage().contains("the broker's certificate does not match the host name connected to"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(password), "no password in " + e.getMessage());
        }
    }

    @Test
    void aCertificateFromACaTheTrustStoreDoesNotHoldIsRefusedNamingTheHost() {
        // The other CA's trust store, and none at all (the JVM's default CAs).
        for (Path trustStore : new Path[] {certs.otherTrustStore(), null}) {
            RogerException e = assertThrows(RogerException.class,
                    () -> AmqpRogerClient.connect(settings(uri("localhost"), trustStore)).close());
            assertTrue(e.getMessage().contains("RabbitMQ at amqps://" + USER + "@localhost:" + TLS_PORT), e.getMessage());
            assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
            assertFalse(e.getMessage().contains(password), "no password in " + e.getMessage());
        }
    }

    @Test
    void amqpsToAPlainListenerSaysThePortDoesNotSpeakTls() {
        RogerException e = assertThrows(RogerException.class,
                () -> AmqpRogerClient.connect(settings(uri("localhost", PLAIN_PORT), certs.trustStore())).close());
        assertTrue(e.getMessage().contains("RabbitMQ at amqps://" + USER + "@localhost:" + PLAIN_PORT), e.getMessage());
        assertTrue(e.getMessage().contains("the port does not speak TLS"), e.getMessage());
    }

    @Test
    void theAdapterRunsAJobFromTheTlsBroker() throws Exception {
        Path war = PayaraMicro.export(Deployments.war("tls", TlsJobBean.class));
        Path ran = war.resolveSibling("tls-" + System.nanoTime() + ".ran");
        try (PayaraProcess node = startNode("tls-node", certs.trustStore(), war);
             AmqpRogerClient client = AmqpRogerClient.connect(settings(uri("localhost"), certs.trustStore()))) {
            Job job = client.enqueue("tls", Job.builder("tls-job").args(ran.toString()).build());

            Await.until("the job ran on the node", Duration.ofSeconds(60), () -> Files.exists(ran));
            assertEquals(job.id(), Files.readString(ran));
            assertConnectionsAreTls("the node and the client");
            String log = node.log();
            assertTrue(log.contains("Roger connected to RabbitMQ at amqps://" + USER + "@localhost:" + TLS_PORT), log);
            assertNoSecrets(log);
        }
    }

    @Test
    void theAdapterLogsWhyItCannotConnectWithTheWrongCa() throws Exception {
        try (PayaraProcess node = startNode("tls-wrong-ca", certs.otherTrustStore())) {
            String expected = "Roger cannot connect to RabbitMQ at amqps://" + USER + "@localhost:" + TLS_PORT;
            Await.until("the adapter's warning", BOOT, () -> node.log().contains(expected));
            String line = node.log().lines().filter(l -> l.contains(expected)).findFirst().orElseThrow();
            assertTrue(line.contains("certificate is not trusted"), line);
            assertNoSecrets(node.log());
        }
    }

    /**
     * A node whose adapter is configured the way a user would, in a post-boot command: the URI (with
     * its colons escaped for asadmin) and the trust store. The {@code -Droger.amqp.uri} fallback points
     * nowhere, so only this configuration can reach the broker.
     */
    private static PayaraProcess startNode(String name, Path trustStore, Path... wars) throws Exception {
        return PayaraProcess.start(name, "amqp://127.0.0.1:1", Map.of(
                "uri", uri("localhost").replace(":", "\\:"),
                "tlsTrustStore", trustStore.toString(),
                "tlsTrustStorePassword", certs.trustStorePassword()), wars);
    }

    private static void assertNoSecrets(String log) {
        assertFalse(log.contains(password), "the AMQP password is in the node's log");
        assertFalse(log.contains(certs.trustStorePassword()), "the trust store password is in the node's log");
    }
}
