package dev.roger.client.amqp;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says in a user's terms why a TLS connection to the broker failed. The JDK's own messages ("unable
 * to find valid certification path to requested target") do not say that the broker's certificate
 * was refused, nor what to change.
 */
final class TlsFailure {

    private TlsFailure() {
    }

    /** What went wrong when {@code e} (or a cause) is a TLS failure; empty otherwise. */
    static Optional<String> describe(Throwable e) {
        boolean tls = false;
        CertificateException certificate = null;
        Throwable chainProblem = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            tls |= t instanceof SSLException;
            if (certificate == null && t instanceof CertificateException c) {
                certificate = c;
            }
            if (chainProblem == null && (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException)) {
                chainProblem = t;
            }
        }
        if (!tls && certificate == null) {
            return Optional.empty();
        }
        String detail = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        if (chainProblem instanceof CertPathBuilderException) {
            return Optional.of("TLS: the broker's certificate is not trusted: no CA in the trust store signed it "
                    + "(tlsTrustStore, else the JVM's default trust store) [" + detail + "]");
        }
        if (chainProblem != null) {
            return Optional.of("TLS: the broker's certificate is not trusted: it is not valid (expired, not yet "
                    + "valid or revoked?) [" + detail + "]");
        }
        if (certificate != null) {
            // Left: the JDK's host name check, the only plain CertificateException of a handshake.
            return Optional.of("TLS: the broker's certificate does not match the host name connected to; use a "
                    + "name or address the certificate lists [" + detail + "]");
        }
        if (detail.contains("Unsupported or unrecognized SSL message")) {
            return Optional.of("TLS handshake failed: the port does not speak TLS (a plain AMQP listener?) [" + detail + "]");
        }
        return Optional.of("TLS handshake failed [" + detail + "]");
    }
}
