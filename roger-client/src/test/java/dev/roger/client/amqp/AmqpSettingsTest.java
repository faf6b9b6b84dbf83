package dev.roger.client.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmqpSettingsTest {

    @Test
    void uriGivesEveryPart() {
        ConnectionFactory cf = AmqpSettings.ofUri("amqp://u:p@broker:5673/tenants").newConnectionFactory();
        assertEquals("broker", cf.getHost());
        assertEquals(5673, cf.getPort());
        assertEquals("u", cf.getUsername());
        assertEquals("p", cf.getPassword());
        assertEquals("tenants", cf.getVirtualHost());
        assertTrue(cf.isAutomaticRecoveryEnabled());
        assertFalse(cf.isSSL());
    }

    @Test
    void partsOverrideAndTlsVerifiesTheBroker() {
        ConnectionFactory cf = AmqpSettings.builder().host("h").username("u").password("p").virtualHost("v")
                .tls(true).heartbeat(Duration.ofSeconds(15)).connectionTimeout(Duration.ofSeconds(3))
                .clientProperties("team=billing, env=prod").connectionName("roger@n1").build().newConnectionFactory();
        assertEquals("h", cf.getHost());
        assertEquals(5671, cf.getPort());
        assertTrue(cf.isSSL());
        assertEquals(15, cf.getRequestedHeartbeat());
        assertEquals(3000, cf.getConnectionTimeout());
        assertEquals("billing", cf.getClientProperties().get("team"));
        assertEquals("roger@n1", cf.getClientProperties().get("connection_name"));
    }

    @Test
    void amqpsUrisUseVerifyingTls() {
        ConnectionFactory cf = AmqpSettings.ofUri("amqps://u:p@broker/v").newConnectionFactory();
        assertTrue(cf.isSSL());
        assertEquals(5671, cf.getPort());
    }

    @Test
    void amqpsUrisKeepEscapedCredentialsAndDescribeTheDefaultVirtualHostAsNoPath() {
        AmqpSettings settings = AmqpSettings.ofUri("amqps://u:p%40ss%3Aw@broker");
        ConnectionFactory cf = settings.newConnectionFactory();
        assertEquals("p@ss:w", cf.getPassword());
        assertEquals("/", cf.getVirtualHost());
        assertEquals("amqps://u@broker:5671", settings.describe());
    }

    @Test
    void anUnusableTrustStoreIsNamedWithoutItsPassword(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.p12");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AmqpSettings.builder()
                .uri("amqps://u:p@broker").trustStore(missing.toString(), "store-secret").build().newConnectionFactory());
        assertEquals("Invalid TLS settings: cannot read the trust store (tlsTrustStore) " + missing + ": no such file",
                e.getMessage());

        Path empty = dir.resolve("empty.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (OutputStream out = Files.newOutputStream(empty)) {
            store.store(out, "store-secret".toCharArray());
        }
        e = assertThrows(IllegalArgumentException.class, () -> AmqpSettings.builder().host("broker").tls(true)
                .trustStore(empty.toString(), "wrong-secret").build().newConnectionFactory());
        assertTrue(e.getMessage().startsWith("Invalid TLS settings: cannot read the trust store (tlsTrustStore) " + empty),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AmqpSettings.builder().host("broker").tls(true)
                .trustStore(empty.toString(), "store-secret").build().newConnectionFactory());
        assertEquals("Invalid TLS settings: the trust store (tlsTrustStore) " + empty + " holds no certificate",
                e.getMessage());
    }

    @Test
    void invalidSettingsSayWhichAndNeverShowThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmqpSettings.ofUri("http://u:secret@h").newConnectionFactory());
        assertTrue(e.getMessage().contains("Invalid AMQP uri 'http://u:***@h'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AmqpSettings.builder().clientProperties("novalue"));
        assertEquals("amqp://u:***@h:1/v", AmqpSettings.redact("amqp://u:pw@h:1/v"));
        assertEquals("amqp://u@h:5672/v", AmqpSettings.builder().host("h").username("u").password("pw").virtualHost("v")
                .build().describe());
    }

    @Test
    void aClusterUriConnectsToAnyListedMemberAndAHostSettingOverridesTheList() throws IOException {
        AmqpSettings settings = AmqpSettings.ofUri("amqp://u:p@h1:5721,h2:5722,h3:5723/v");
        ConnectionFactory cf = settings.newConnectionFactory();
        assertEquals("h1", cf.getHost());
        assertEquals("u", cf.getUsername());
        assertEquals("v", cf.getVirtualHost());
        // newConnection(name) asks for the factory's own host; the list must come back instead.
        List<Address> tried = ((AddressListConnectionFactory) cf)
                .createAddressResolver(List.of(new Address("h1", 5721))).getAddresses();
        assertEquals(List.of(new Address("h1", 5721), new Address("h2", 5722), new Address("h3", 5723)), tried);
        assertEquals("amqp://u@h1:5721,h2:5722,h3:5723/v", settings.describe());

        ConnectionFactory overridden = AmqpSettings.builder().uri("amqp://u:p@h1:5721,h2:5722/v").host("solo").build()
                .newConnectionFactory();
        assertFalse(overridden instanceof AddressListConnectionFactory);
        assertEquals("solo", overridden.getHost());
        assertEquals(5721, overridden.getPort());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmqpSettings.ofUri("amqp://u:secret@h1,/v").newConnectionFactory());
        assertTrue(e.getMessage().startsWith("Invalid AMQP uri 'amqp://u:***@h1,/v': empty address"), e.getMessage());
    }

    @Test
    void aTlsClusterUriVerifiesEveryMemberOnTheTlsPort() throws IOException {
        AmqpSettings settings = AmqpSettings.ofUri("amqps://u:p@h1,h2:5999/v");
        ConnectionFactory cf = settings.newConnectionFactory();
        assertTrue(cf.isSSL());
        List<Address> tried = ((AddressListConnectionFactory) cf)
                .createAddressResolver(List.of(new Address(cf.getHost(), cf.getPort()))).getAddresses();
        assertEquals(List.of(new Address("h1", 5671), new Address("h2", 5999)), tried);
        assertEquals("amqps://u@h1:5671,h2:5999/v", settings.describe());
    }
}
