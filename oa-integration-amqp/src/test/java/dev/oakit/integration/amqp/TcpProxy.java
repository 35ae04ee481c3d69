package dev.oakit.integration.amqp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in the JVM in front of RabbitMQ, so a test can drop every connection through it at a
 * moment it chooses, as a network failure or a broker restart would: both sockets are closed
 * abruptly, the broker sees the client vanish, the client sees the connection reset.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean closed;

    TcpProxy(String host, int port) throws java.io.IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!closed) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket(host, port);
                    sockets.add(in);
                    sockets.add(out);
                    pump(in, out);
                    pump(out, in);
                } catch (java.io.IOException e) {
                    // closed, or the broker refused: the client sees its connection fail
                }
            }
        }, "test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                for (int n; (n = i.read(buf)) >= 0; ) {
                    o.write(buf, 0, n);
                    o.flush();
                }
            } catch (java.io.IOException e) {
                // cut
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (java.io.IOException ignored) {
            // already closed
        }
    }

    /** @return the port clients connect to */
    int port() {
        return server.getLocalPort();
    }

    /** @return the AMQP URI through the proxy */
    String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port() + "/";
    }

    /** Drops every open connection. */
    void cut() {
        cuts.incrementAndGet();
        for (Socket s : sockets) {
            quietly(s);
        }
        sockets.clear();
    }

    @Override
    public void close() throws java.io.IOException {
        closed = true;
        server.close();
        cut();
    }
}
