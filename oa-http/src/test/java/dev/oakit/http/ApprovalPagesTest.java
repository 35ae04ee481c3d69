package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;
import java.time.Duration;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.WorkbenchFixture.Browser;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The approval pages, clicked through as people do, each in their own session. */
class ApprovalPagesTest {
    private static final Pattern INSTANCE = Pattern.compile("/approvals/instances/(\\d+)");
    private static final Pattern TASK = Pattern.compile("/approvals/tasks/(\\d+)/approve");

    @DbTest
    void aLeaveRequestIsStartedFromItsFormApprovedByTwoPeopleAndShowsInEveryonesLists(TestDatabase db) {
        try (WorkbenchFixture f = new WorkbenchFixture(db)) {
            Browser alice = f.browser("en").signIn("alice");
            String form = alice.get("/approvals/start/leave").body();
            assertThat(form).contains("name=\"f.days\"", "name=\"f.type\"", "hx-post=\"/approvals/start/leave/preview\"")
                    .doesNotContain("f.hrNote"); // hidden at the start node
            String preview = alice.post("/approvals/start/leave/preview", Map.of("f.type", "annual", "f.days", "5")).body();
            assertThat(preview).contains("data-node=\"manager\"", "data-node=\"director\"", "bob", "carol");
            assertThat(alice.post("/approvals/start/leave/preview", Map.of("f.type", "annual", "f.days", "2")).body())
                    .doesNotContain("data-node=\"director\"");

            HttpResponse<String> started = alice.post("/approvals/start/leave", Map.of("title", "Annual leave", "f.type", "annual", "f.days", "5",
                    "f.reason", "<script>rest</script>", "requestId", "r-1"));
            assertThat(started.statusCode()).isEqualTo(303);
            String location = started.headers().firstValue("Location").orElseThrow();
            Matcher m = INSTANCE.matcher(location);
            assertThat(m.find()).isTrue();
            String id = m.group(1);
            String page = alice.get(location).body();
            assertThat(page).contains("Your request was submitted.", "In progress", "&lt;script&gt;rest&lt;/script&gt;", "<svg", "data-action=\"withdraw\"")
                    .contains("class=\"node current\" data-node=\"manager\"", "class=\"node done\" data-node=\"start\"")
                    .doesNotContain("<script>rest</script>", "data-testid=\"approve\"");

            Browser bob = f.browser("zh-CN").signIn("bob");
            String todo = bob.get("/approvals/todo").body();
            assertThat(todo).contains("Annual leave", "<span class=\"badge\">1</span>");
            String bobPage = bob.get("/approvals/instances/" + id).body();
            Matcher t = TASK.matcher(bobPage);
            assertThat(t.find()).isTrue();
            assertThat(bobPage).contains("data-action=\"reject\"", "data-action=\"transfer\"", "data-action=\"add-signer\"")
                    .doesNotContain("data-action=\"withdraw\"");
            HttpResponse<String> approved = bob.post("/approvals/tasks/" + t.group(1) + "/approve", Map.of("instance", id, "comment", "同意", "requestId", "r-2"));
            assertThat(approved.statusCode()).isEqualTo(303);
            assertThat(bob.get("/approvals/done").body()).contains("Annual leave", "同意");

            Browser carol = f.browser("en").signIn("carol");
            Matcher ct = TASK.matcher(carol.get("/approvals/instances/" + id).body());
            assertThat(ct.find()).isTrue();
            assertThat(carol.post("/approvals/tasks/" + ct.group(1) + "/approve", Map.of("instance", id, "requestId", "r-3")).statusCode()).isEqualTo(303);

            assertThat(alice.get("/approvals/started").body()).contains("Annual leave", "Approved");
            String end = alice.get("/approvals/instances/" + id).body();
            assertThat(end).contains("Approved", "同意", "class=\"node done\" data-node=\"director\"");
        }
    }

    @DbTest
    void theEngineRefusesWhatThePersonMayNotDoAndThePageSaysWhy(TestDatabase db) {
        try (WorkbenchFixture f = new WorkbenchFixture(db)) {
            Browser alice = f.browser("en").signIn("alice");
            String location = alice.post("/approvals/start/leave", Map.of("f.type", "annual", "f.days", "1", "requestId", "r-1"))
                    .headers().firstValue("Location").orElseThrow();
            Browser bob = f.browser("en").signIn("bob");
            Matcher t = TASK.matcher(bob.get(location).body());
            assertThat(t.find()).isTrue();
            // dave is no assignee: the engine refuses, the page shows its message with its status
            Browser dave = f.browser("en").signIn("dave");
            HttpResponse<String> refused = dave.post("/approvals/tasks/" + t.group(1) + "/approve", Map.of());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("Something went wrong", "class=\"error\"");
            // a bad form comes back with the engine's field message and the values typed
            HttpResponse<String> bad = alice.post("/approvals/start/leave", Map.of("f.type", "annual", "f.days", "99", "requestId", "r-2"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("days", "value=\"99\"");
        }
    }

    @DbTest
    void overdueTasksAreMarkedAndThePagerKeepsTheFilters(TestDatabase db) {
        ManualClock clock = new ManualClock();
        OaKit oa = HttpFixture.seeded(db, clock);
        ProcessDefinition quick = ProcessDefinition.builder("quick").name("Quick").form(WorkflowFixture.leaveForm()).start("start")
                .approval("manager", a -> a.name("Manager").approver(ApproverRule.manager(1)).deadline(Deadline.of("PT1H"))
                        .field("hrNote", FieldAccess.EDITABLE))
                .end("done").chain("start", "manager", "done").build();
        oa.service(ProcessDefinitions.class).deploy(Actor.admin(HttpFixture.T, "root"), quick);
        Approvals approvals = oa.service(Approvals.class);
        int pageSize = 20;
        for (int i = 0; i < pageSize + 1; i++) {
            approvals.start(Actor.of(HttpFixture.T, "alice"), new StartRequest("quick", "Quick " + i, null, Map.of("type", "sick", "days", 1),
                    null, null, null));
        }
        clock.advance(Duration.ofDays(7));
        try (WorkbenchFixture f = new WorkbenchFixture(oa)) {
            Browser bob = f.browser("en").signIn("bob");
            String first = bob.get("/approvals/todo?process=quick&due=OVERDUE").body();
            assertThat(first).contains("class=\"overdue\"", "Overdue", "href=\"/approvals/todo?process=quick&amp;due=OVERDUE&amp;page=1\"");
            String second = bob.get("/approvals/todo?process=quick&due=OVERDUE&page=1").body();
            assertThat(second).contains("Quick 0").doesNotContain("data-testid=\"next-page\"");
            assertThat(bob.get("/approvals/todo?due=ON_TIME").body()).contains("Nothing here.");

            // the approver's node makes hrNote editable (hidden from the initiator at the start): an input for bob only
            Matcher link = INSTANCE.matcher(second);
            assertThat(link.find()).isTrue();
            String page = bob.get(link.group()).body();
            assertThat(page).contains("name=\"f.hrNote\"").doesNotContain("name=\"f.days\"");
            Matcher t = TASK.matcher(page);
            assertThat(t.find()).isTrue();
            assertThat(bob.post(t.group(), Map.of("instance", link.group(1), "f.hrNote", "checked by HR", "f.days", "9")).statusCode()).isEqualTo(303);
            String after = bob.get(link.group()).body();
            assertThat(after).contains("checked by HR", "data-field=\"days\">1<");
        }
    }

    @DbTest
    void anInstanceOnAnOlderVersionIsDrawnWithItsOwnVersion(TestDatabase db) {
        OaKit oa = HttpFixture.seeded(db);
        Actor root = Actor.admin(HttpFixture.T, "root");
        ProcessDefinitions definitions = oa.service(ProcessDefinitions.class);
        definitions.deploy(root, ProcessDefinition.builder("versioned").name("Versioned").form(WorkflowFixture.leaveForm()).start("start")
                .approval("manager", a -> a.name("Manager").approver(ApproverRule.manager(1)))
                .end("done").chain("start", "manager", "done").build());
        long id = oa.service(Approvals.class).start(Actor.of(HttpFixture.T, "alice"), new StartRequest("versioned", "On v1", null,
                Map.of("type", "sick", "days", 1), null, null, null)).id();
        definitions.deploy(root, ProcessDefinition.builder("versioned").name("Versioned").form(WorkflowFixture.leaveForm()).start("start")
                .approval("lead", a -> a.name("Team lead").approver(ApproverRule.manager(1)))
                .end("done").chain("start", "lead", "done").build());
        assertThat(definitions.version(root, "versioned", 1).node("manager")).isPresent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> definitions.version(root, "versioned", 3))
                .isInstanceOf(dev.oakit.core.NotFoundException.class).hasMessageContaining("no version 3");
        try (WorkbenchFixture f = new WorkbenchFixture(oa)) {
            String page = f.browser("en").signIn("alice").get("/approvals/instances/" + id).body();
            assertThat(page).contains("class=\"node current\" data-node=\"manager\"").doesNotContain("data-node=\"lead\"");
        }
    }

    @DbTest
    void aPoolTaskIsClaimedDelegatedHandedBackAndApprovedFromThePageAndASignerRemoved(TestDatabase db) {
        OaKit oa = HttpFixture.seeded(db);
        long id = oa.service(Approvals.class).start(Actor.of(HttpFixture.T, "alice"), new StartRequest("reimburse", "Taxi", null,
                Map.of("type", "annual", "days", 1), null, null, null)).id();
        try (WorkbenchFixture f = new WorkbenchFixture(oa, "fay", "gus", "hal")) {
            String path = "/approvals/instances/" + id;
            Browser fay = f.browser("en").signIn("fay");
            String pool = fay.get(path).body();
            Matcher claim = Pattern.compile("/approvals/tasks/(\\d+)/claim").matcher(pool);
            assertThat(claim.find()).isTrue();
            assertThat(pool).contains("data-action=\"claim\"", "Claim").doesNotContain("data-testid=\"approve\"");
            String task = claim.group(1);
            HttpResponse<String> claimed = fay.post(claim.group(), Map.of("instance", Long.toString(id), "requestId", "c-1"));
            assertThat(claimed.statusCode()).isEqualTo(303);
            assertThat(claimed.headers().firstValue("Location").orElseThrow()).isEqualTo(path + "?msg=claim");
            String mine = fay.get(path + "?msg=claim").body();
            assertThat(mine).contains("Task claimed", "data-testid=\"approve\"", "data-action=\"release\"", "data-action=\"delegate\"")
                    .doesNotContain("data-action=\"claim\"");
            assertThat(f.browser("en").signIn("gus").get(path).body()).doesNotContain("data-action=\"claim\"");

            assertThat(fay.post("/approvals/tasks/" + task + "/delegate", Map.of("instance", Long.toString(id), "toUserId", "hal",
                    "comment", "please check")).statusCode()).isEqualTo(303);
            Browser hal = f.browser("zh-CN").signIn("hal");
            String delegated = hal.get(path).body();
            assertThat(delegated).contains("data-action=\"resolve\"", "处理完成交回").doesNotContain("data-testid=\"approve\"");
            assertThat(hal.post("/approvals/tasks/" + task + "/resolve", Map.of("instance", Long.toString(id), "comment", "ok")).statusCode())
                    .isEqualTo(303);
            assertThat(fay.post("/approvals/tasks/" + task + "/approve", Map.of("instance", Long.toString(id))).statusCode()).isEqualTo(303);
            assertThat(fay.get(path).body()).contains("Approved");

            String leave = f.browser("en").signIn("alice").post("/approvals/start/leave", Map.of("f.type", "annual", "f.days", "5",
                    "requestId", "r-9")).headers().firstValue("Location").orElseThrow();
            Browser bob = f.browser("en").signIn("bob");
            Matcher t = TASK.matcher(bob.get(leave).body());
            assertThat(t.find()).isTrue();
            String leaveId = leave.replaceAll("\\D", "");
            assertThat(bob.post("/approvals/tasks/" + t.group(1) + "/add-signer", Map.of("instance", leaveId, "position", "PARALLEL",
                    "userIds", "dave, hal")).statusCode()).isEqualTo(303);
            String signers = bob.get(leave).body();
            assertThat(signers).contains("data-action=\"remove-signer\"", "<option value=\"dave\">dave</option>");
            assertThat(bob.post("/approvals/tasks/" + t.group(1) + "/remove-signer", Map.of("instance", leaveId, "userId", "dave")).statusCode())
                    .isEqualTo(303);
            assertThat(bob.get(leave).body()).contains("<option value=\"hal\">hal</option>").doesNotContain("<option value=\"dave\">");
        }
    }
}
