package dev.roger.demo.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free local TCP port for Payara Micro's HTTP listener, so the demo never collides with
 * a server already on 8080. Another process could take it before Payara binds it; unlikely
 * enough for a demo, and Payara then fails visibly.
 */
final class FreePort {

    private FreePort() {
    }

    static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
