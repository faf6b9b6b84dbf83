package dev.roger.it.support;

import dev.roger.testing.TestBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between a client and the test broker that a test can cut (the broker is gone)
 * or freeze (the broker hangs: bytes are swallowed), without touching the real broker.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the test broker. */
    public static TcpProxy toBroker() throws IOException {
        URI uri = URI.create(TestBroker.uri());
        return new TcpProxy(uri.getHost(), uri.getPort() == -1 ? 5672 : uri.getPort());
    }

    /** The test broker's URI, pointed at this proxy. */
    public String uri() {
        URI uri = URI.create(TestBroker.uri());
        return uri.getScheme() + "://" + uri.getRawUserInfo() + "@127.0.0.1:" + server.getLocalPort()
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!frozen) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // One side closed: the pair is done.
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** From now on, swallow every byte in both directions: a broker that hangs. */
    public void freeze() {
        frozen = true;
    }

    /** Closes every open connection but goes on accepting: a network blip the client recovers from. */
    public void dropConnections() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
        sockets.clear();
    }

    /** Closes every connection and stops accepting: a broker that is gone. */
    public void cut() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing is all we want.
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    @Override
    public void close() {
        cut();
    }
}
