package dev.roger.it.tls;

import dev.roger.it.support.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Certificates made for one test run with openssl and keytool: a CA, the broker's certificate for
 * {@code localhost} and {@code 127.0.0.1} signed by it, a trust store holding that CA, and a trust
 * store holding an unrelated CA. Nothing here is a secret beyond the run.
 *
 * @param caCert the CA that signed the broker's certificate (PEM)
 * @param serverCert the broker's certificate (PEM)
 * @param serverKey the broker's private key (PEM)
 * @param trustStore a PKCS#12 trust store with the CA
 * @param otherTrustStore a PKCS#12 trust store with another CA only
 * @param trustStorePassword the password of both trust stores
 */
record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path trustStore, Path otherTrustStore,
                        String trustStorePassword) {

    /** The names the broker's certificate lists; a client connecting with any other is refused. */
    static final String SUBJECT_ALT_NAMES = "DNS:localhost,IP:127.0.0.1";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Makes fresh certificates and trust stores in {@code dir}. */
    static TestCertificates generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        String password = UUID.randomUUID().toString().replace("-", "");
        Path ca = ca(dir, "ca", "Roger test CA");
        Path other = ca(dir, "other-ca", "Another test CA");
        Path serverKey = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path serverCert = dir.resolve("server.pem");
        Path ext = Files.write(dir.resolve("server.ext"), List.of(
                "basicConstraints = CA:FALSE",
                "keyUsage = critical, digitalSignature, keyEncipherment",
                "extendedKeyUsage = serverAuth",
                "subjectAltName = " + SUBJECT_ALT_NAMES));
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", serverKey, "-out", csr,
                "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", dir.resolve("ca.key"), "-CAcreateserial",
                "-days", "2", "-sha256", "-extfile", ext, "-out", serverCert);
        return new TestCertificates(ca, serverCert, serverKey, trustStore(dir, "truststore.p12", ca, password),
                trustStore(dir, "other-truststore.p12", other, password), password);
    }

    private static Path ca(Path dir, String name, String commonName) throws IOException {
        Path config = Files.write(dir.resolve(name + ".cnf"), List.of(
                "[req]",
                "distinguished_name = dn",
                "prompt = no",
                "x509_extensions = ca_ext",
                "[dn]",
                "CN = " + commonName,
                "[ca_ext]",
                "basicConstraints = critical, CA:TRUE",
                "keyUsage = critical, keyCertSign, cRLSign",
                "subjectKeyIdentifier = hash"));
        Path cert = dir.resolve(name + ".pem");
        openssl("req", "-x509", "-config", config, "-newkey", "rsa:2048", "-nodes", "-days", "2", "-sha256",
                "-keyout", dir.resolve(name + ".key"), "-out", cert);
        return cert;
    }

    private static Path trustStore(Path dir, String name, Path ca, String password) throws IOException {
        Path store = dir.resolve(name);
        Files.deleteIfExists(store);
        Command.run(TIMEOUT, "keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", ca.toString(),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password);
        return store;
    }

    private static void openssl(Object... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        for (int i = 0; i < args.length; i++) {
            cmd[i + 1] = args[i].toString();
        }
        Command.run(TIMEOUT, cmd);
    }
}
