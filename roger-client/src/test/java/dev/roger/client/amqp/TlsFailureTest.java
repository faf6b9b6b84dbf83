package dev.roger.client.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The causes the JDK gives a failed handshake, as the client sees them, each told in a user's
 * terms. TlsIT sees the first two from a real broker.
 */
class TlsFailureTest {

    private static SSLHandshakeException handshake(Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(cause.getMessage());
        e.initCause(cause);
        return e;
    }

    @Test
    void aChainNoTrustedCaSignedIsNotTrusted() {
        String message = Errors.describe(new IOException(handshake(new CertificateException("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path to requested target")))));
        assertEquals("TLS: the broker's certificate is not trusted: no CA in the trust store signed it (tlsTrustStore, "
                + "else the JVM's default trust store) [unable to find valid certification path to requested target]", message);
    }

    @Test
    void anExpiredCertificateIsNotTrustedEither() {
        String message = Errors.describe(handshake(new CertificateException("PKIX path validation failed",
                new CertPathValidatorException("validity check failed"))));
        assertTrue(message.startsWith("TLS: the broker's certificate is not trusted: it is not valid"), message);
        assertTrue(message.endsWith("[validity check failed]"), message);
    }

    @Test
    void aHostNameTheCertificateDoesNotListIsAMismatch() {
        String message = Errors.describe(handshake(
                new CertificateException("No subject alternative DNS name matching rabbit.example found.")));
        assertEquals("TLS: the broker's certificate does not match the host name connected to; use a name or address "
                + "the certificate lists [No subject alternative DNS name matching rabbit.example found.]", message);
    }

    @Test
    void aPlainPortSaysItDoesNotSpeakTls() {
        String message = Errors.describe(new SSLException("Unsupported or unrecognized SSL message"));
        assertTrue(message.startsWith("TLS handshake failed: the port does not speak TLS"), message);
    }

    @Test
    void otherFailuresKeepTheirOwnMessage() {
        assertEquals("Connection refused", Errors.describe(new IOException(new java.net.ConnectException("Connection refused"))));
    }
}
