package dev.oakit.http;

import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.Jobs;
import dev.oakit.http.internal.workbench.AdminPages;
import dev.oakit.http.internal.workbench.ApprovalPages;
import dev.oakit.http.internal.workbench.ReportPages;
import dev.oakit.http.internal.workbench.TicketPages;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.report.TicketReports;
import dev.oakit.http.internal.workbench.PageGroup;
import dev.oakit.http.internal.workbench.WorkbenchApp;
import dev.oakit.http.spi.ActorResolver;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ProcessDefinitions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The workbench: the pages people click (todo, instance, start a process ...) as one Jakarta servlet, server-rendered
 * HTML in Chinese or English that works on a phone and a desktop. Mount it at the root of a path ({@code /*} or
 * {@code /oa/*}); {@link OaHttpServer#start(OaHttpServlet, String, OaWorkbenchServlet, java.net.InetSocketAddress)} runs
 * it next to the REST API.
 *
 * <pre>
 * OaWorkbenchServlet pages = OaWorkbenchServlet.builder(oa).actorResolver(hostLogin).build();
 * </pre>
 *
 * <p>Thread-safe. Every page calls the engine's public services as the actor from the {@link ActorResolver}, so
 * every permission check is the engine's own; forms carry a CSRF token.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OaWorkbenchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WorkbenchApp app;

    private OaWorkbenchServlet(WorkbenchApp app) {
        this.app = app;
    }

    /**
     * @param oa a started OAKit; the pages of its workflow (and ticket) plugins are served; never null
     * @return a builder; an {@link Builder#actorResolver} or a {@link Builder#demoLogin} is required
     */
    public static Builder builder(OaKit oa) {
        return new Builder(Objects.requireNonNull(oa, "oa"));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        req.setCharacterEncoding("UTF-8");
        String path = req.getPathInfo();
        app.serve(req, res, path == null || path.isEmpty() ? "/" : path);
    }

    /** Settings of an {@link OaWorkbenchServlet}. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final OaKit oa;
        private ActorResolver resolver;
        private DemoLogin demo;
        private ZoneId zone = ZoneId.systemDefault();

        private Builder(OaKit oa) {
            this.oa = oa;
        }

        /** Who makes each request: the host's session resolver (the same one the REST API uses). */
        public Builder actorResolver(ActorResolver r) {
            this.resolver = Objects.requireNonNull(r, "actorResolver");
            return this;
        }

        /** Demo only: a login page offering the demo's users; also becomes the actor resolver. Not for production. */
        public Builder demoLogin(DemoLogin d) {
            this.demo = Objects.requireNonNull(d, "demoLogin");
            return this;
        }

        /** The time zone pages show times in (default the JVM's). */
        public Builder zone(ZoneId z) {
            this.zone = Objects.requireNonNull(z, "zone");
            return this;
        }

        /**
         * @return the servlet
         * @throws ValidationException when neither an actor resolver nor a demo login is set
         */
        public OaWorkbenchServlet build() {
            if (resolver == null && demo == null) {
                throw ValidationException.of("actorResolver", "is required: say how a request becomes an actor (your session), or use demoLogin(...) for a demo");
            }
            // each plugin's pages come with the plugin (one line per group; tickets, admin and reports add theirs here)
            List<PageGroup> groups = new ArrayList<>();
            service(Approvals.class).ifPresent(a -> groups.add(new ApprovalPages(a, oa.service(ApprovalQueries.class), oa.service(ProcessDefinitions.class))));
            service(Tickets.class).ifPresent(t -> groups.add(new TicketPages(t, oa.service(TicketQueries.class), oa.service(Queues.class),
                    oa.service(TicketCatalog.class))));
            service(TicketReports.class).ifPresent(r -> groups.add(new ReportPages(r, zone)));
            groups.add(new AdminPages(oa.service(Jobs.class), service(ApprovalQueries.class).orElse(null), service(TicketQueries.class).orElse(null)));
            return new OaWorkbenchServlet(new WorkbenchApp(groups, resolver != null ? resolver : demo, demo, zone));
        }

        private <T> Optional<T> service(Class<T> type) {
            return PluginServices.find(oa, type);
        }
    }
}
