package dev.oakit.examples;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.http.DemoLogin;
import dev.oakit.http.OaHttpServer;
import dev.oakit.http.OaHttpServlet;
import dev.oakit.http.OaWorkbenchServlet;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowPlugin;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The workbench on an embedded H2 database with demo data and demo users, signed in through {@link DemoLogin}
 * (pick a user, no password: a demo, not for production). Run with
 * {@code mvn -B -q -pl examples -am -DskipTests package exec:java -Doakit.demo.main=dev.oakit.examples.WorkbenchDemo};
 * {@code -Doakit.port=9090} picks another port. Stops on Ctrl+C.
 */
public final class WorkbenchDemo {
    static final String TENANT = "acme";
    static final List<String[]> USERS = List.of(new String[] {"alice", "Alice · 员工 (engineer)"}, new String[] {"bob", "Bob · 研发部经理 (manager)"},
            new String[] {"carol", "Carol · 总监 (director)"}, new String[] {"dave", "Dave · 员工 (engineer)"});

    private WorkbenchDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path data = Path.of(args.length > 0 ? args[0] : "oakit-data/workbench");
        int port = Integer.getInteger("oakit.port", 8080);
        OaKit oa = start(data);
        OaHttpServer server = serve(oa, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            oa.close();
        }));
        out.println("OAKit workbench on embedded H2 under " + data.toAbsolutePath());
        out.println("  open      " + server.root());
        out.println("  REST API  " + server.uri() + "openapi.json");
        out.println("  demo sign-in (pick a user on the login page, no password; a demo, not for production):");
        for (String[] u : USERS) {
            out.println("    " + u[0] + "  " + u[1]);
        }
        out.println("    root  Root · 管理员 (tenant administrator)");
        out.println("  alice and dave have requests waiting for bob; bob approves, carol approves leave over 3 days.");
        out.println("  help desk (queue it): bob dispatches a new ticket on the board, carol works on one, alice accepts one resolved.");
        out.println("Ctrl+C stops it.");
        Thread.currentThread().join();
    }

    /** @return OAKit on a fresh H2 database with the demo's people, processes, a help desk and a few requests in flight */
    static OaKit start(Path data) throws java.io.IOException {
        Demo.wipe(data);
        OaKit oa = OaKit.builder().dataDirectory(data).tenant(TENANT, "ACME 公司").plugin(new WorkflowPlugin()).plugin(new TicketPlugin()).build()
                .start();
        Actor admin = Actor.admin(TENANT, "root");
        DirectorySeed.of(oa.service(Directory.class), admin).department("hq", null, "总部").department("eng", "hq", "研发部")
                .users("zhao", "bob", "carol", "alice", "dave", "root").members("hq", "zhao", "carol").members("eng", "bob", "alice", "dave")
                .head("hq", "zhao").head("eng", "bob").role("director", "总监", "carol").admins("root");
        ProcessDefinitions definitions = oa.service(ProcessDefinitions.class);
        definitions.deploy(admin, leave());
        definitions.deploy(admin, expense());
        oa.service(Queues.class).saveQueue(admin, Queue.of("it", "IT 支持"));
        oa.service(Queues.class).setMembers(admin, "it", List.of(QueueMember.dispatcher("bob"), QueueMember.agent("carol")));
        oa.service(TicketCatalog.class).saveType(admin, TicketType.of("it", "IT 支持").withDefaultQueue("it"));
        Approvals approvals = oa.service(Approvals.class);
        approvals.start(Actor.of(TENANT, "alice"), new StartRequest("leave", "年假 5 天 (annual leave)", null,
                Map.of("type", "annual", "days", 5, "reason", "国庆回家 (family visit)"), null, null, "demo-1"));
        approvals.start(Actor.of(TENANT, "dave"), new StartRequest("expense", "差旅报销 (travel expenses)", null,
                Map.of("amount", 1280, "purpose", "客户拜访 (customer visit)"), null, null, "demo-2"));
        seedTickets(oa.service(Tickets.class));
        return oa;
    }

    /** The help desk's queue: one ticket waiting for bob to dispatch, one carol works on, one resolved and waiting for alice. */
    private static void seedTickets(Tickets tickets) {
        Actor alice = Actor.of(TENANT, "alice");
        Actor dave = Actor.of(TENANT, "dave");
        Actor bob = Actor.of(TENANT, "bob");
        Actor carol = Actor.of(TENANT, "carol");
        tickets.create(dave, NewTicket.builder("it", "打印机卡纸 (printer jammed)").description("3 楼东侧 (3rd floor, east)")
                .requestId("demo-t1").build());
        long vpn = tickets.create(alice, NewTicket.builder("it", "VPN 连不上 (VPN fails)").priority(Priority.HIGH)
                .description("出差中，急 (travelling, urgent)").requestId("demo-t2").build()).id();
        tickets.assign(bob, vpn, "carol", "demo-t2-assign");
        long keyboard = tickets.create(alice, NewTicket.builder("it", "键盘坏了 (broken keyboard)").requestId("demo-t3").build()).id();
        tickets.assign(bob, keyboard, "carol", "demo-t3-assign");
        tickets.resolve(carol, keyboard, "已换新键盘 (replaced)", "demo-t3-resolve");
    }

    /** @return the REST API under /api and the workbench at the root, both signed in through the demo login */
    static OaHttpServer serve(OaKit oa, int port) {
        DemoLogin demo = DemoLogin.tenant(TENANT);
        USERS.forEach(u -> demo.user(u[0], u[1]));
        demo.admin("root", "Root · 管理员 (administrator)");
        OaHttpServlet api = OaHttpServlet.builder(oa).actorResolver(demo).build();
        OaWorkbenchServlet pages = OaWorkbenchServlet.builder(oa).demoLogin(demo).build();
        return OaHttpServer.start(api, "/api", pages, new InetSocketAddress("127.0.0.1", port));
    }

    /** 请假: the manager, then the director when it is more than 3 days; HR's note is hidden from the initiator. */
    static ProcessDefinition leave() {
        FormSchema form = FormSchema.builder("leave").title("请假 (leave)")
                .select("type", f -> f.required().label("类型 (type)").option("annual", "年假 (annual)").option("sick", "病假 (sick)"))
                .number("days", f -> f.required().label("天数 (days)").min("0.5").max(30))
                .text("reason", f -> f.label("事由 (reason)").maxLength(200))
                .text("hrNote", f -> f.label("人事备注 (HR note)").maxLength(200))
                .build();
        return ProcessDefinition.builder("leave").name("请假 (leave)").form(form)
                .start("start", Map.of("hrNote", FieldAccess.HIDDEN))
                .approval("manager", a -> a.name("直属上级 (manager)").approver(ApproverRule.manager(1)))
                .exclusive("long")
                .approval("director", a -> a.name("总监 (director)").approver(ApproverRule.role("director")).field("hrNote", FieldAccess.EDITABLE))
                .end("approved")
                .chain("start", "manager", "long")
                .when("long", "director", "form.days > 3").otherwise("long", "approved")
                .route("director", "approved")
                .build();
    }

    /** 报销: the manager, the director above 5,000. */
    static ProcessDefinition expense() {
        FormSchema form = FormSchema.builder("expense").title("报销 (expense claim)")
                .number("amount", f -> f.required().label("金额 (amount, CNY)").min("0.01").max(1_000_000))
                .textarea("purpose", f -> f.required().label("用途 (purpose)").maxLength(500))
                .build();
        return ProcessDefinition.builder("expense").name("报销 (expense claim)").form(form)
                .start("start")
                .approval("manager", a -> a.name("直属上级 (manager)").approver(ApproverRule.manager(1)))
                .exclusive("big")
                .approval("director", a -> a.name("总监 (director)").approver(ApproverRule.role("director")))
                .end("approved")
                .chain("start", "manager", "big")
                .when("big", "director", "form.amount > 5000").otherwise("big", "approved")
                .route("director", "approved")
                .build();
    }
}
