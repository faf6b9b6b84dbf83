package dev.roger.demo.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a free local TCP port for Payara Micro's HTTP listener, so the demo (and the benchmark,
 * which reuses this class) never collides with a server already on 8080. Another process could
 * take it before Payara binds it; unlikely enough here, and Payara then fails visibly.
 */
public final class FreePort {

    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
