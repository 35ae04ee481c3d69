package dev.oakit.workflow;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;
import java.util.Map;

/**
 * A small organisation and the services, for engine tests:
 * hq (head zhao) → eng (head bob) with alice, dave, erin; director role: carol; finance role: fay, gus, hal.
 */
public final class WorkflowFixture {
    public static final String T = "acme";
    public final OaKit oa;
    public final Approvals approvals;
    public final ApprovalQueries queries;
    public final ProcessDefinitions definitions;
    public final Directory directory;
    public final Actor admin = Actor.admin(T, "root");

    public WorkflowFixture(TestDatabase db) {
        this(db.start(b -> b.plugin(new WorkflowPlugin())));
    }

    /**
     * OAKit with the workflow plugin on a statement- and commit-counting pool, without job workers
     * and without the background audit sealer (they would poll through it); closed after the test.
     */
    public static OaKit startCounting(TestDatabase db, dev.oakit.core.testing.CountingDataSource counting) {
        return db.closeLater(OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(counting).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S"))).build().start());
    }

    public WorkflowFixture(OaKit oa) {
        this.oa = oa;
        approvals = oa.service(Approvals.class);
        queries = oa.service(ApprovalQueries.class);
        definitions = oa.service(ProcessDefinitions.class);
        directory = oa.service(Directory.class);
        DirectorySeed.of(directory, admin).department("hq", null, "总部").department("eng", "hq", "研发部")
                .users("zhao", "bob", "carol", "alice", "dave", "erin", "fay", "gus", "hal", "root")
                .members("hq", "zhao", "carol").members("eng", "bob", "alice", "dave", "erin", "fay", "gus", "hal")
                .head("hq", "zhao").head("eng", "bob")
                .role("director", "总监", "carol").role("finance", "财务", "fay", "gus", "hal").admins("root");
    }

    public static Actor user(String id) {
        return Actor.of(T, id);
    }

    public static FormSchema leaveForm() {
        return typeAndDays()
                .text("reason", f -> f.maxLength(200))
                .text("hrNote", f -> f.maxLength(200))
                .build();
    }

    /** start → manager → (days > 3 ? director) → end. */
    public static ProcessDefinition leave() {
        return leaveRoute(ProcessDefinition.builder("leave").name("请假").form(leaveForm())
                .start("start", Map.of("hrNote", dev.oakit.core.form.FieldAccess.HIDDEN)), "直属上级", "总监", "form.days > 3");
    }

    /**
     * The route of {@link #leave()} on a form of type and days only, its nodes named in English: for tests that need
     * neither a hidden field nor this fixture's directory (a fresh class loader's first approval, definitions written
     * while the warm-up runs).
     *
     * @param directorAboveDays the director approves leaves of more days than this
     */
    public static ProcessDefinition plainLeave(int directorAboveDays) {
        return plainLeave("form.days > " + directorAboveDays);
    }

    /**
     * On a fresh OAKit over an H2 database (no job workers), one leave of 2 days started by amy and approved by her
     * manager boss: for tests of a host's first approval, such as in a class loader of its own.
     *
     * @param url the H2 database
     * @param deploy the definition of key 'leave' to deploy first, with the directory (amy and boss in hq, boss its
     *        head); null when the database holds both from an OAKit before
     * @return the instance's status
     */
    public static String approveOneLeave(String url, ProcessDefinition deploy) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        Actor admin = Actor.admin("t1", "root");
        try (OaKit oa = OaKit.builder().dataSource(ds).tenant("t1", "t1").plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false), "tenants", Map.of("requireKnownUsers", false)))
                .build().start()) {
            if (deploy != null) {
                oa.service(ProcessDefinitions.class).deploy(admin, deploy);
                Directory d = oa.service(Directory.class);
                d.createDepartment(admin, dev.oakit.core.directory.Department.root("hq", "hq"));
                d.createUser(admin, dev.oakit.core.directory.User.of("boss", "Boss"));
                d.createUser(admin, dev.oakit.core.directory.User.of("amy", "Amy"));
                d.saveMembership(admin, dev.oakit.core.directory.Membership.primary("boss", "hq"));
                d.saveMembership(admin, dev.oakit.core.directory.Membership.primary("amy", "hq"));
                d.updateDepartment(admin, d.department(admin, "hq").withHead("boss"));
            }
            ProcessInstance pi = oa.service(Approvals.class).start(Actor.of("t1", "amy"),
                    StartRequest.of("leave", Map.of("type", "annual", "days", 2)));
            Actor boss = Actor.of("t1", "boss");
            ApprovalQueries queries = oa.service(ApprovalQueries.class);
            long task = queries.todo(boss, TodoQuery.firstPage()).stream()
                    .filter(t -> t.instanceId() == pi.id()).findFirst().orElseThrow().id();
            oa.service(Approvals.class).approve(boss, task, Decision.none());
            return queries.detail(admin, pi.id()).instance().status().name();
        }
    }

    /** The same with the director's condition given. */
    public static ProcessDefinition plainLeave(String directorWhen) {
        return leaveRoute(ProcessDefinition.builder("leave").name("leave").form(typeAndDays().build()).start("start"),
                "manager", "director", directorWhen);
    }

    private static FormSchema.Builder typeAndDays() {
        return FormSchema.builder("leave")
                .select("type", f -> f.required().options("annual", "sick"))
                .number("days", f -> f.required().min("0.5").max(30));
    }

    /** The nodes after the start: manager → long → ({@code directorWhen} ? director) → approved. */
    private static ProcessDefinition leaveRoute(ProcessDefinitionBuilder started, String manager, String director,
                                                String directorWhen) {
        return started.approval("manager", a -> a.name(manager).approver(ApproverRule.manager(1)))
                .exclusive("long")
                .approval("director", a -> a.name(director).approver(ApproverRule.role("director")))
                .end("approved")
                .chain("start", "manager", "long")
                .when("long", "director", directorWhen).otherwise("long", "approved")
                .route("director", "approved")
                .build();
    }

    /** start → one approval node → end. */
    public static ProcessDefinition single(String key, java.util.function.Consumer<ProcessDefinitionBuilder.ApprovalBuilder> node) {
        return ProcessDefinition.builder(key).form(leaveForm()).start("start").approval("a", node).end("end").chain("start", "a", "end").build();
    }

    public ProcessInstance start(String user, String key, Map<String, Object> form) {
        return approvals.start(user(user), StartRequest.of(key, form));
    }

    public Task todoOf(String user, long instanceId) {
        return queries.todo(user(user), TodoQuery.firstPage()).stream().filter(t -> t.instanceId() == instanceId).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no open task for instance " + instanceId));
    }

    public List<Task> todos(String user) {
        return queries.todo(user(user), TodoQuery.firstPage());
    }

    public InstanceStatus status(long instanceId) {
        return queries.detail(admin, instanceId).instance().status();
    }

    public static Map<String, Object> days(double d) {
        return Map.of("type", "annual", "days", d, "reason", "rest");
    }
}
