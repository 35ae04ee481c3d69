package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowPlugin;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

/** The leave life cycle on OAKit's approval engine. */
final class OakitLeaveEngine implements LeaveEngine {
    static final String T = "bench";
    private static final Map<String, Object> FIVE_DAYS = Map.of("type", "annual", "days", 5, "reason", "rest");
    private static final TodoQuery PAGE = TodoQuery.firstPage();

    private final DataSource dataSource;
    private final Actor admin = Actor.admin(T, "root");
    private OaKit oa;
    private long deployMs;
    private Approvals approvals;
    private ApprovalQueries queries;
    private Actor[] initiators;
    private Actor[] managers;
    private Actor[] loadInitiators;
    private Actor[] loadManagers;
    private final Actor director = Actor.of(T, "carol");

    OakitLeaveEngine(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "oakit";
    }

    /** The same process as the Flowable BPMN: start → manager → exclusive (days &gt; 3) → director → end. */
    static ProcessDefinition leave() {
        FormSchema form = FormSchema.builder("leave")
                .select("type", f -> f.required().options("annual", "sick"))
                .number("days", f -> f.required().min("0.5").max(30))
                .text("reason", f -> f.maxLength(200))
                .build();
        return ProcessDefinition.builder("leave").name("请假").form(form)
                .start("start")
                .approval("manager", a -> a.name("直属上级").approver(ApproverRule.manager(1)))
                .exclusive("long")
                .approval("director", a -> a.name("总监").approver(ApproverRule.role("director")))
                .end("approved")
                .chain("start", "manager", "long")
                .when("long", "director", "form.days > 3").otherwise("long", "approved")
                .route("director", "approved")
                .build();
    }

    @Override
    public void boot() {
        // background job polling and audit sealing off, as Flowable's async executor is: only the commands touch the database
        oa = OaKit.builder().dataSource(dataSource).tenant(T, T).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("enabled", false), "audit", Map.of("sealInterval", "PT0S")))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start();
        approvals = oa.service(Approvals.class);
        queries = oa.service(ApprovalQueries.class);
        long t0 = System.nanoTime();
        oa.service(ProcessDefinitions.class).deploy(admin, leave());
        deployMs = (System.nanoTime() - t0) / 1_000_000;
    }

    /** @return the booted OAKit, for benchmarks that serve it (TodoHttpBenchmark) */
    OaKit oa() {
        return oa;
    }

    /** @return the manager of load assignee {@code i}, whose todo holds that assignee's open tasks */
    Actor loadManager(int i) {
        return loadManagers[i];
    }

    @Override
    public long deployMs() {
        return deployMs;
    }

    @Override
    public void prepare(int workers, int assignees) {
        DirectorySeed d = DirectorySeed.of(oa.service(Directory.class), admin).department("hq", null, "总部")
                .users("root", "carol").members("hq", "carol").role("director", "总监", "carol");
        initiators = new Actor[workers];
        managers = new Actor[workers];
        for (int w = 0; w < workers; w++) {
            team(d, "w" + w, "m" + w, "u" + w);
            initiators[w] = Actor.of(T, "u" + w);
            managers[w] = Actor.of(T, "m" + w);
        }
        loadInitiators = new Actor[assignees];
        loadManagers = new Actor[assignees];
        for (int i = 0; i < assignees; i++) {
            team(d, "l" + i, "lm" + i, "le" + i);
            loadInitiators[i] = Actor.of(T, "le" + i);
            loadManagers[i] = Actor.of(T, "lm" + i);
        }
    }

    private static void team(DirectorySeed d, String dept, String head, String member) {
        d.department(dept, "hq", dept).users(head, member).members(dept, head, member).head(dept, head);
    }

    @Override
    public String cycle(int w) {
        ProcessInstance pi = approvals.start(initiators[w], StartRequest.of("leave", FIVE_DAYS));
        approvals.approve(managers[w], find(managers[w], pi.id()), Decision.none());
        approvals.approve(director, find(director, pi.id()), Decision.none());
        return Long.toString(pi.id());
    }

    private long find(Actor assignee, long instanceId) {
        List<Task> todo = queries.todo(assignee, PAGE);
        for (Task t : todo) {
            if (t.instanceId() == instanceId) {
                return t.id();
            }
        }
        throw new IllegalStateException(assignee.userId() + " has no open task for instance " + instanceId + " among " + todo.size());
    }

    @Override
    public boolean endedApproved(String instanceId) {
        return queries.detail(admin, Long.parseLong(instanceId)).instance().status() == InstanceStatus.APPROVED;
    }

    @Override
    public void startOpen(int assignee) {
        approvals.start(loadInitiators[assignee], StartRequest.of("leave", FIVE_DAYS));
    }

    @Override
    public int todo(int assignee) {
        return queries.todo(loadManagers[assignee], PAGE).size();
    }

    @Override
    public void close() {
        if (oa != null) {
            oa.close();
        }
    }
}
