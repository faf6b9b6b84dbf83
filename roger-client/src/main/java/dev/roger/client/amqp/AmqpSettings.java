package dev.roger.client.amqp;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach RabbitMQ: a URI, or host/port/credentials/virtual host, plus heartbeat, timeouts,
 * TLS and client properties. Immutable; connections made from it recover automatically. The URI may
 * list the members of a cluster ({@code amqp://u:p@h1:5672,h2:5672,h3:5672/vhost}): a connection
 * goes to one of them and recovers to any that answers.
 *
 * <p>TLS verifies the broker's certificate and host name, against the given trust store or the
 * JVM's default one (unlike the AMQP client's own {@code amqps://} handling, which trusts all).
 */
public final class AmqpSettings {

    /** Where settings come from when nothing is configured: system property, then environment. */
    public static final String URI_PROPERTY = "roger.amqp.uri";
    public static final String URI_ENV = "ROGER_AMQP_URI";
    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

    private final String uri;
    private final String host;
    private final Integer port;
    private final String username;
    private final String password;
    private final String virtualHost;
    private final Duration heartbeat;
    private final Duration connectionTimeout;
    private final boolean tls;
    private final String trustStore;
    private final String trustStorePassword;
    private final Map<String, String> clientProperties;
    private final String connectionName;

    private AmqpSettings(Builder b) {
        this.uri = blankToNull(b.uri);
        this.host = blankToNull(b.host);
        this.port = b.port;
        this.username = blankToNull(b.username);
        this.password = b.password;
        this.virtualHost = blankToNull(b.virtualHost);
        this.heartbeat = b.heartbeat;
        this.connectionTimeout = b.connectionTimeout;
        this.tls = b.tls;
        this.trustStore = blankToNull(b.trustStore);
        this.trustStorePassword = b.trustStorePassword;
        this.clientProperties = Map.copyOf(b.clientProperties);
        this.connectionName = b.connectionName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings from a URI such as {@code amqp://user:pass@host:5672/vhost}. */
    public static AmqpSettings ofUri(String uri) {
        return builder().uri(uri).build();
    }

    /** The URI from {@code -Droger.amqp.uri}, else {@code ROGER_AMQP_URI}, else the local broker. */
    public static String defaultUri() {
        String fromProperty = System.getProperty(URI_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        String fromEnv = System.getenv(URI_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_URI;
    }

    /**
     * A configured AMQP connection factory with automatic recovery.
     *
     * @throws IllegalArgumentException naming the setting that is invalid
     */
    public ConnectionFactory newConnectionFactory() {
        String effectiveUri = uri != null ? uri : (host == null ? defaultUri() : null);
        BrokerAddresses brokers = brokers(effectiveUri);
        ConnectionFactory cf = brokers.isList() ? new AddressListConnectionFactory(brokers.addresses())
                : new ConnectionFactory();
        boolean secureUri = false;
        if (effectiveUri != null) {
            String single = brokers.singleHostUri();
            try {
                URI parsed = new URI(single);
                secureUri = "amqps".equalsIgnoreCase(parsed.getScheme());
                // setUri would switch amqps to a trust-everything TLS context: give it the same URI as
                // amqp (textually, so escaped user info stays escaped once) and add verifying TLS below.
                cf.setUri(secureUri ? new URI("amqp" + single.strip().substring("amqps".length())) : parsed);
                if (secureUri && parsed.getPort() == -1) {
                    cf.setPort(ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT);
                }
            } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid AMQP uri '" + redact(effectiveUri) + "': " + e.getMessage(), e);
            }
        }
        if (host != null) {
            cf.setHost(host);
        }
        if (port != null) {
            cf.setPort(port);
        }
        if (username != null) {
            cf.setUsername(username);
        }
        if (password != null) {
            cf.setPassword(password);
        }
        if (virtualHost != null) {
            cf.setVirtualHost(virtualHost);
        }
        if (secureUri || tls) {
            if (tls && !secureUri && port == null && uri == null) {
                cf.setPort(ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT);
            }
            enableTls(cf);
        }
        if (heartbeat != null) {
            cf.setRequestedHeartbeat((int) heartbeat.toSeconds());
        }
        if (connectionTimeout != null) {
            cf.setConnectionTimeout((int) connectionTimeout.toMillis());
            cf.setHandshakeTimeout((int) connectionTimeout.toMillis());
            // Bounds every synchronous AMQP call (declare, close): a hung broker must not hang callers.
            cf.setChannelRpcTimeout((int) Math.max(connectionTimeout.toMillis(), 1000));
        }
        Map<String, Object> props = new HashMap<>(cf.getClientProperties());
        props.putAll(clientProperties);
        if (connectionName != null) {
            props.put("connection_name", connectionName);
        }
        cf.setClientProperties(props);
        cf.setAutomaticRecoveryEnabled(true);
        cf.setTopologyRecoveryEnabled(true);
        cf.setNetworkRecoveryInterval(2000);
        return cf;
    }

    /**
     * TLS that verifies the broker's certificate chain against the trust store and its name against
     * the host connected to.
     *
     * @throws IllegalArgumentException when the trust store cannot be used, naming it (never its password)
     */
    private void enableTls(ConnectionFactory cf) {
        SSLContext context;
        try {
            if (trustStore != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(loadTrustStore());
                context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
            } else {
                context = SSLContext.getDefault();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Invalid TLS settings: " + e.getMessage(), e);
        }
        cf.useSslProtocol(context);
        cf.enableHostnameVerification();
    }

    private KeyStore loadTrustStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
            store.load(in, trustStorePassword == null ? null : trustStorePassword.toCharArray());
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read the trust store (tlsTrustStore) " + trustStore + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        if (store.size() == 0) {
            throw new GeneralSecurityException("the trust store (tlsTrustStore) " + trustStore + " holds no certificate");
        }
        return store;
    }

    /**
     * The brokers the URI lists (several for a cluster: {@code amqp://u:p@h1,h2:5673,h3/vhost});
     * only the first when {@code host} or {@code port} override the URI's.
     *
     * @throws IllegalArgumentException for a malformed host list
     */
    private BrokerAddresses brokers(String effectiveUri) {
        if (effectiveUri == null) {
            return new BrokerAddresses(null, List.of());
        }
        try {
            BrokerAddresses listed = BrokerAddresses.parse(effectiveUri);
            return host != null || port != null ? listed.firstOnly() : listed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid AMQP uri '" + redact(effectiveUri) + "': " + e.getMessage(), e);
        }
    }

    /**
     * Where connections go, as a URI without the password, for logs and error messages: every
     * broker of a list; the default virtual host {@code /} is no path, as in a URI.
     */
    public String describe() {
        ConnectionFactory cf = newConnectionFactory();
        BrokerAddresses brokers = brokers(uri != null ? uri : (host == null ? defaultUri() : null));
        String hosts = brokers.isList() ? brokers.describe() : cf.getHost() + ":" + cf.getPort();
        String vhost = cf.getVirtualHost();
        return (cf.isSSL() ? "amqps://" : "amqp://") + cf.getUsername() + "@" + hosts
                + ("/".equals(vhost) ? "" : "/" + vhost);
    }

    /** A URI with its password replaced by {@code ***}. */
    public static String redact(String uri) {
        return uri == null ? null : uri.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Builds {@link AmqpSettings}. */
    public static final class Builder {
        private String uri;
        private String host;
        private Integer port;
        private String username;
        private String password;
        private String virtualHost;
        private Duration heartbeat;
        private Duration connectionTimeout = Duration.ofSeconds(10);
        private boolean tls;
        private String trustStore;
        private String trustStorePassword;
        private final Map<String, String> clientProperties = new LinkedHashMap<>();
        private String connectionName;

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder virtualHost(String virtualHost) {
            this.virtualHost = virtualHost;
            return this;
        }

        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        public Builder connectionTimeout(Duration timeout) {
            this.connectionTimeout = timeout;
            return this;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder trustStore(String path, String password) {
            this.trustStore = path;
            this.trustStorePassword = password;
            return this;
        }

        /** Extra client properties shown in the broker's connection list. */
        public Builder clientProperty(String key, String value) {
            clientProperties.put(key, value);
            return this;
        }

        /**
         * Client properties as {@code key=value} pairs separated by commas.
         *
         * @throws IllegalArgumentException for a pair without '='
         */
        public Builder clientProperties(String pairs) {
            if (pairs != null && !pairs.isBlank()) {
                for (String pair : pairs.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("Invalid clientProperties entry '" + pair.strip()
                                + "': expected key=value");
                    }
                    clientProperty(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            return this;
        }

        /** The name the broker shows for connections made with these settings. */
        public Builder connectionName(String name) {
            this.connectionName = name;
            return this;
        }

        public AmqpSettings build() {
            return new AmqpSettings(this);
        }
    }
}
