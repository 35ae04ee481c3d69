package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import static org.awaitility.Awaitility.await;

import dev.oakit.core.Actor;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.job.JobStatus;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.workflow.WorkflowPlugin;
import java.time.Duration;
import dev.oakit.http.WorkbenchFixture.Browser;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketType;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ticket pages over real HTTP, each user in their own browser session: create, dispatch on the board, work, resolve,
 * accept and rate; what each may see and do is the engine's answer. Queue "it": bob dispatches, carol works; queue "fac":
 * dave dispatches; alice only asks; root administers.
 */
class TicketPagesTest {
    private static final Pattern TICKET_URL = Pattern.compile("/tickets/(\\d+)\\?msg=ticketCreated$");

    /** A page after its redirects, as a browser shows it. */
    record Page(int status, String body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** One signed-in person's browser that follows the pages' redirects. */
    record User(Browser b) {
        Page get(String path) {
            return follow(b.get(path));
        }

        Page post(String path, Map<String, String> form) {
            return follow(b.post(path, form));
        }

        Page postWithoutCsrf(String path, Map<String, String> form) {
            return follow(b.postRaw(path, form));
        }

        private Page follow(HttpResponse<String> first) {
            HttpResponse<String> r = first;
            for (int i = 0; i < 5 && r.statusCode() == 303; i++) {
                r = b.get(r.headers().firstValue("Location").orElseThrow());
            }
            assertThat(r.body()).as("every message key has its text").doesNotContainPattern("\\[[a-z]+\\.[A-Za-z0-9_.]+\\]");
            return new Page(r.statusCode(), r.body(), r);
        }
    }

    /** @return the ticket page's form of one action */
    static String form(String page, String action) {
        int start = page.indexOf("data-action=\"" + action + "\"");
        assertThat(start).as("the form of " + action).isNotNegative();
        return page.substring(start, page.indexOf("</form>", start));
    }

    static WorkbenchFixture open(TestDatabase db) {
        var oa = HttpFixture.seeded(db);
        Actor admin = Actor.admin(HttpFixture.T, "root");
        oa.service(Queues.class).saveQueue(admin, Queue.of("fac", "行政后勤"));
        oa.service(Queues.class).setMembers(admin, "fac", List.of(QueueMember.dispatcher("dave")));
        oa.service(TicketCatalog.class).saveType(admin, TicketType.of("fac", "后勤报修").withDefaultQueue("fac"));
        return new WorkbenchFixture(oa);
    }

    static User as(WorkbenchFixture f, String user) {
        return new User(f.browser("en").signIn(user));
    }

    static long create(User b, String type, String title) {
        Page p = b.post("/tickets/new", Map.of("type", type, "title", title, "description", "3 楼东侧", "priority", "HIGH", "requestId", "r-" + title));
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        Matcher m = TICKET_URL.matcher(p.raw().uri().toString());
        assertThat(m.find()).as(p.raw().uri().toString()).isTrue();
        assertThat(p.body()).contains("Ticket created.", title, "TK-");
        String typeName = Map.of("it", "IT 支持", "fac", "后勤报修").get(type);
        assertThat(p.body()).as("the type's name, not its key").contains("data-testid=\"ticket-type\">" + typeName + "<");
        return Long.parseLong(m.group(1));
    }

    @DbTest
    void aTicketIsCreatedDispatchedOnTheBoardResolvedAcceptedAndRated(TestDatabase db) {
        try (WorkbenchFixture f = open(db)) {
            User alice = as(f, "alice");
            User bob = as(f, "bob");
            User carol = as(f, "carol");
            assertThat(alice.get("/tickets/new").body()).contains("name=\"type\"", "IT 支持");
            long id = create(alice, "it", "打印机卡纸");
            assertThat(alice.post("/tickets/new", Map.of("type", "it", "title", "打印机卡纸", "description", "3 楼东侧", "priority", "HIGH",
                    "requestId", "r-打印机卡纸")).raw().uri().toString()).as("the same form sent twice").endsWith("/tickets/" + id + "?msg=ticketCreated");

            Page board = bob.get("/tickets/board");
            assertThat(board.status()).isEqualTo(200);
            assertThat(board.body()).contains("data-testid=\"board-agents\"", "data-agent=\"carol\"", "data-agent=\"bob\"",
                    "打印机卡纸", "Waiting for dispatch (1)", "name=\"assigneeId\" value=\"carol\"");
            Page assigned = bob.post("/tickets/board/assign", Map.of("ticketId", Long.toString(id), "queue", "it", "assigneeId", "carol",
                    "requestId", "assign-1"));
            assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
            assertThat(assigned.body()).contains("Ticket assigned.", "Every open ticket has an agent.", "1 open");

            Page queue = carol.get("/tickets");
            assertThat(queue.body()).contains("打印机卡纸", "with carol", "data-testid=\"ticket-counts\"");
            Page ticket = carol.get("/tickets/" + id);
            assertThat(ticket.body()).contains("Agent view", "data-action=\"start\"", "data-action=\"resolve\"", "Add note");
            assertThat(carol.post("/tickets/" + id + "/note", Map.of("body", "换搓纸轮, 库存 2 个", "requestId", "n1")).body()).contains("Internal note added.");
            assertThat(carol.post("/tickets/" + id + "/reply", Map.of("body", "马上到", "requestId", "p1")).body()).contains("Reply sent.");
            assertThat(carol.post("/tickets/" + id + "/start", Map.of("requestId", "s1")).body()).contains("Work started.");
            Page resolved = carol.post("/tickets/" + id + "/resolve", Map.of("comment", "已修好", "requestId", "v1"));
            assertThat(resolved.body()).contains("waiting for the requester to accept", "data-testid=\"ticket-state\">Resolved");

            Page mine = alice.get("/tickets/" + id);
            assertThat(form(mine.body(), "refuse")).as("refusing needs a reason").contains("required", "Reason (required)");
            assertThat(form(mine.body(), "accept")).as("accepting does not").doesNotContain("required");
            assertThat(mine.body()).contains("马上到", "data-action=\"accept\"", "data-action=\"refuse\"").doesNotContain("换搓纸轮", "Agent view",
                    "Add note");
            Page accepted = alice.post("/tickets/" + id + "/accept", Map.of("comment", "谢谢", "requestId", "a1"));
            assertThat(accepted.body()).contains("Solution accepted", "data-testid=\"ticket-state\">Closed", "data-action=\"rate\"");
            Page rated = alice.post("/tickets/" + id + "/rate", Map.of("score", "5", "comment", "很快", "requestId", "rate1"));
            assertThat(rated.body()).contains("Thank you for rating.", "alice rated 5/5").doesNotContain("data-action=\"rate\"");
            assertThat(alice.post("/tickets/" + id + "/rate", Map.of("score", "4", "requestId", "rate2")).status()).as("rated once per resolution")
                    .isEqualTo(409);
        }
    }

    @DbTest
    void anAgentSeesOnlyTheirQueuesAndRequestersSeeNoBoard(TestDatabase db) {
        try (WorkbenchFixture f = open(db)) {
            User alice = as(f, "alice");
            long it = create(alice, "it", "网络断了");
            long fac = create(alice, "fac", "空调漏水");
            User carol = as(f, "carol");
            Page visible = carol.get("/tickets?scope=VISIBLE");
            assertThat(visible.body()).contains("网络断了").doesNotContain("空调漏水");
            assertThat(carol.get("/tickets?scope=VISIBLE&queue=fac").body()).doesNotContain("空调漏水");
            assertThat(carol.get("/tickets/" + fac).status()).as("another queue's ticket is not found").isEqualTo(404);
            assertThat(carol.get("/tickets/board?queue=fac").status()).isEqualTo(403);
            assertThat(carol.get("/tickets/board").body()).contains("IT 支持").doesNotContain("行政后勤");
            assertThat(carol.post("/tickets/board/assign", Map.of("ticketId", Long.toString(it), "queue", "it", "assigneeId", "carol")).status())
                    .as("an agent who is no dispatcher may not assign").isEqualTo(403);
            User dave = as(f, "dave");
            assertThat(dave.get("/tickets/" + it).status()).as("a dispatcher of another queue").isEqualTo(404);
            assertThat(dave.get("/tickets/board?queue=it").status()).isEqualTo(403);
            assertThat(dave.get("/tickets?scope=VISIBLE").body()).contains("空调漏水").doesNotContain("网络断了");
            assertThat(dave.get("/tickets/board").body()).contains("空调漏水").doesNotContain("网络断了");
            assertThat(alice.get("/tickets/board").body()).contains("You work in no queue");
            assertThat(alice.get("/tickets/board?queue=it").status()).isEqualTo(403);
            assertThat(alice.post("/tickets/" + it + "/note", Map.of("body", "x")).status()).as("a requester writes no internal note").isEqualTo(403);
            assertThat(alice.postWithoutCsrf("/tickets/" + it + "/reply", Map.of("body", "x")).status()).as("no CSRF token").isEqualTo(403);
            assertThat(alice.get("/tickets?scope=bogus").body()).contains("scope");
        }
    }

    @DbTest
    void reportsDrawTheirChartsForAgentsAndAdministratorsAndDownloadAsCsv(TestDatabase db) {
        try (WorkbenchFixture f = open(db)) {
            User alice = as(f, "alice");
            long id = create(alice, "it", "键盘坏了");
            as(f, "bob").post("/tickets/board/assign", Map.of("ticketId", Long.toString(id), "queue", "it", "assigneeId", "carol"));
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            Page reports = as(f, "carol").get("/reports");
            assertThat(reports.status()).as(reports.body()).isEqualTo(200);
            assertThat(reports.body()).contains("id=\"chart-workload\"", "id=\"chart-sla\"", "id=\"chart-response-times\"", "id=\"chart-backlog\"",
                    "id=\"chart-volume\"", "<title id=\"chart-workload-title\">Workload per agent</title>", "carol · Assigned: 1",
                    "/reports/csv/workload?from=");
            User root = as(f, "root");
            Page csv = root.get("/reports/csv/backlog?from=" + today + "&to=" + today);
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.header("Content-Disposition")).contains("backlog-" + today + "-" + today + ".csv");
            assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo("queue,under_1d,1d_to_3d,3d_to_7d,over_7d,total");
            assertThat(csv.body()).contains("it,1,0,0,0,1");
            assertThat(alice.get("/reports").status()).as("a requester reads no reports").isEqualTo(403);
            assertThat(alice.get("/tickets").body()).as("no link to what the reports refuse").doesNotContain("href=\"/reports\"");
            assertThat(as(f, "carol").get("/tickets").body()).contains("href=\"/reports\"");
            assertThat(root.get("/tickets").body()).contains("href=\"/reports\"");
            assertThat(alice.get("/tickets").body()).as("a requester is a member of no queue: no board link").doesNotContain("href=\"/tickets/board\"");
            assertThat(as(f, "carol").get("/tickets").body()).contains("href=\"/tickets/board\"");
            assertThat(root.get("/tickets").body()).contains("href=\"/tickets/board\"");
            assertThat(root.get("/reports?from=2026-13-01").body()).contains("from", "yyyy-MM-dd");
            assertThat(root.get("/reports/csv/nope").status()).isEqualTo(400);
        }
    }

    /** A job type whose every attempt fails for good: its jobs die at once, for the monitor to list and replay. */
    static final class Broken implements JobHandler, OaPlugin {
        final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.jobHandler(this);
        }

        @Override
        public String type() {
            return "test.broken";
        }

        @Override
        public void handle(JobContext ctx) {
            attempts.incrementAndGet();
            throw new IntegrationException("TEST/PERMANENT", "the far system said no", false, null);
        }
    }

    @DbTest
    void theMonitorListsDeadJobsForAdministratorsWhoReplayThemAndRefusesEveryoneElse(TestDatabase db) {
        Broken broken = new Broken();
        var oa = db.start(b -> b.plugin(new WorkflowPlugin()).plugin(new TicketPlugin()).plugin(broken));
        Actor admin = Actor.admin(HttpFixture.T, "root");
        DirectorySeed.of(oa.service(Directory.class), admin).users("alice", "bob", "carol", "dave", "root").admins("root");
        Jobs jobs = oa.service(Jobs.class);
        long dead = jobs.schedule(admin, JobRequest.of("test.broken", Map.of("order", 7)).maxAttempts(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(admin, dead).status() == JobStatus.DEAD);
        try (WorkbenchFixture f = new WorkbenchFixture(oa)) {
            User root = as(f, "root");
            Page monitor = root.get("/admin/monitor");
            assertThat(monitor.status()).as(monitor.body()).isEqualTo(200);
            assertThat(monitor.body()).contains("href=\"/admin/monitor\"");
            assertThat(as(f, "alice").get("/").body()).as("the monitor is not offered to others").doesNotContain("href=\"/admin/monitor\"")
                    .contains("href=\"/tickets\"");
            assertThat(monitor.body()).contains("data-testid=\"monitor-running\"", "data-testid=\"monitor-nodes\"",
                    "data-testid=\"monitor-incidents\"", "data-testid=\"monitor-overdue\"", "data-job=\"" + dead + "\"", "test.broken",
                    "the far system said no");
            for (String user : new String[] {"alice", "bob", "carol"}) {
                User b = as(f, user);
                assertThat(b.get("/admin/monitor").status()).as(user).isEqualTo(403);
                assertThat(b.post("/admin/jobs/" + dead + "/replay", Map.of()).status()).as(user).isEqualTo(403);
            }
            assertThat(jobs.get(admin, dead).status()).as("refused replays changed nothing").isEqualTo(JobStatus.DEAD);
            Page replayed = root.post("/admin/jobs/" + dead + "/replay", Map.of());
            assertThat(replayed.body()).contains("The job was queued again.");
            await().atMost(Duration.ofSeconds(30)).until(() -> broken.attempts.get() == 2);
            assertThat(broken.attempts.get()).as("one attempt, and one more after the replay").isEqualTo(2);
            assertThat(root.post("/admin/jobs/999999/replay", Map.of()).status()).isEqualTo(404);
        }
    }
}
