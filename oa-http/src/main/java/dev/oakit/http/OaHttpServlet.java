package dev.oakit.http;

import dev.oakit.core.OaKit;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.ValidationException;
import dev.oakit.http.internal.AdminRoutes;
import dev.oakit.http.internal.ApprovalRoutes;
import dev.oakit.http.internal.HttpApi;
import dev.oakit.http.internal.ReportRoutes;
import dev.oakit.http.internal.TicketRoutes;
import dev.oakit.http.spi.ActorResolver;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.report.TicketReports;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * OAKit's REST API as one Jakarta servlet: a host mounts it under a path of its own container
 * ({@code /oa/*}) or runs it on {@link OaHttpServer}. Its OpenAPI document is at {@code openapi.json}
 * under the mount point.
 *
 * <pre>
 * OaHttpServlet api = OaHttpServlet.builder(oa).actorResolver(sso).build();
 * </pre>
 *
 * <p>Thread-safe; holds no per-request state. Every endpoint but {@code openapi.json} needs an actor from the
 * {@link ActorResolver}, and every permission check is the engine's own.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OaHttpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient HttpApi api;

    private OaHttpServlet(HttpApi api) {
        this.api = api;
    }

    /**
     * @param oa a started OAKit; the endpoints of its workflow and ticket plugins are served; never null
     * @return a builder; {@link Builder#actorResolver} is required
     */
    public static Builder builder(OaKit oa) {
        return new Builder(Objects.requireNonNull(oa, "oa"));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getPathInfo();
        api.serve(req, res, path == null || path.isEmpty() ? "/" : path);
    }

    /** @return "METHOD /path" of every endpoint, in the order of the OpenAPI document */
    public List<String> endpoints() {
        return api.routes().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Settings of an {@link OaHttpServlet}. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final OaKit oa;
        private ActorResolver resolver;
        private Cors cors = Cors.none();

        private Builder(OaKit oa) {
            this.oa = oa;
        }

        /** Who makes each request (required): {@link JwtActorResolver} or the host's own. */
        public Builder actorResolver(ActorResolver r) {
            this.resolver = r;
            return this;
        }

        /** Which other origins' browser pages may call (default none). */
        public Builder cors(Cors c) {
            this.cors = Objects.requireNonNull(c, "cors");
            return this;
        }

        /**
         * @return the servlet
         * @throws ValidationException when the actor resolver is missing
         */
        public OaHttpServlet build() {
            if (resolver == null) {
                throw ValidationException.of("actorResolver", "is required: say how a request becomes an actor, e.g. JwtActorResolver.builder(jwks)");
            }
            List<dev.oakit.http.internal.Route> routes = new ArrayList<>();
            // each plugin's endpoints come with the plugin: a host with tickets only gets no approval endpoints
            service(Approvals.class).ifPresent(a -> routes.addAll(new ApprovalRoutes(a, oa.service(ApprovalQueries.class)).routes()));
            service(Tickets.class).ifPresent(t -> routes.addAll(new TicketRoutes(t, oa.service(TicketQueries.class), oa.service(Queues.class)).routes()));
            service(TicketReports.class).ifPresent(t -> routes.addAll(new ReportRoutes(t).routes()));
            routes.addAll(new AdminRoutes(oa.service(Jobs.class), service(ApprovalQueries.class).orElse(null),
                    service(dev.oakit.workflow.InstanceMigrations.class).orElse(null)).routes());
            return new OaHttpServlet(new HttpApi(routes, resolver, cors));
        }

        private <T> Optional<T> service(Class<T> type) {
            return PluginServices.find(oa, type);
        }
    }
}
