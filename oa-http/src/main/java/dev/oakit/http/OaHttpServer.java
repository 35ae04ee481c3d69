package dev.oakit.http;

import java.net.InetSocketAddress;
import java.net.URI;
import org.apiguardian.api.API;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty server running one {@link OaHttpServlet}, for hosts without a web stack and for the
 * examples. Needs {@code org.eclipse.jetty.ee10:jetty-ee10-servlet} on the class path (an optional
 * dependency of oa-http). Close it to stop.
 *
 * <pre>
 * try (OaHttpServer server = OaHttpServer.start(api, new InetSocketAddress("127.0.0.1", 8080), "/api")) {
 *     // http://127.0.0.1:8080/api/approvals/todo
 * }
 * </pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OaHttpServer implements AutoCloseable {
    private final Server server;
    private final URI uri;

    private OaHttpServer(Server server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /**
     * Starts the server.
     *
     * @param servlet the API to serve
     * @param address where to listen; port 0 picks a free one
     * @param mount the path prefix, e.g. {@code /api} ({@code ""} for the root)
     * @return the running server; {@link #uri()} says where
     */
    public static OaHttpServer start(OaHttpServlet servlet, InetSocketAddress address, String mount) {
        return start(address, mount, context -> context.addServlet(new ServletHolder("oakit", servlet), mount + "/*"));
    }

    private static OaHttpServer start(InetSocketAddress address, String mount, java.util.function.Consumer<ServletContextHandler> servlets) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        servlets.accept(context);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP server on " + address + ": " + e.getMessage()
                    + "; choose another port or address", e);
        }
        return new OaHttpServer(server, URI.create("http://" + address.getHostString() + ":" + connector.getLocalPort() + mount + "/"));
    }

    /**
     * Starts the server with the REST API under {@code apiMount} and the workbench's pages at the root.
     *
     * @param api the REST API
     * @param apiMount its path prefix, e.g. {@code /api}; must not be empty
     * @param workbench the pages, served under {@code /}
     * @param address where to listen; port 0 picks a free one
     * @return the running server; {@link #uri()} is the API's address, {@link #root()} the workbench's
     */
    public static OaHttpServer start(OaHttpServlet api, String apiMount, OaWorkbenchServlet workbench, InetSocketAddress address) {
        if (apiMount == null || apiMount.isEmpty() || "/".equals(apiMount)) {
            throw dev.oakit.core.ValidationException.of("apiMount", "must be a path prefix such as /api: the workbench takes the root");
        }
        return start(address, apiMount, context -> {
            context.addServlet(new ServletHolder("oakit", api), apiMount + "/*");
            context.addServlet(new ServletHolder("oakit-workbench", workbench), "/*");
        });
    }

    /** @return the server's root address (where the workbench is), ending with {@code /} */
    public URI root() {
        return uri.resolve("/");
    }

    /** @return the API's base address, ending with {@code /} */
    public URI uri() {
        return uri;
    }

    /** Stops the server, finishing requests in flight. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP server: " + e.getMessage(), e);
        }
    }
}
