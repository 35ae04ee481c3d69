package dev.oakit.examples;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.audit.AuditVerification;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.core.directory.OrgImportReport;
import dev.oakit.core.directory.Role;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.DeliveryStatus;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.form.FormSchema;
import dev.oakit.examples.rooms.Rooms;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.Deployment;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowPlugin;
import dev.oakit.examples.rooms.RoomsPlugin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The main job: boots OAKit on an embedded H2 database (no server needed) and walks through
 * what the kernel offers. Run with {@code mvn -B -q -pl examples -am -DskipTests package exec:java}.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "oakit-data/demo");
        int problems = run(data, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (problems > 0) {
            System.exit(1);
        }
    }

    /** Runs the demo; returns the number of checks that failed. */
    public static int run(Path data, PrintStream out) throws IOException, InterruptedException {
        wipe(data);
        int failed = 0;
        out.println("OAKit demo — embedded H2 under " + data.toAbsolutePath());
        Actor alice = Actor.of("acme", "alice");
        Actor admin = Actor.admin("acme", "it-admin");

        try (OaKit oa = OaKit.builder().dataDirectory(data).tenant("acme", "ACME 公司").plugin(new RoomsPlugin()).plugin(new WorkflowPlugin()).build().start()) {
            out.println("\n== 1. Business calendar (工作日历): 09:00-12:00 and 13:00-18:00, National Day holidays, make-up Sunday");
            BusinessCalendar cn = BusinessCalendar.builder("cn-default").zone("Asia/Shanghai")
                    .week(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00")
                    .holidays(java.time.LocalDate.of(2026, 10, 1), java.time.LocalDate.of(2026, 10, 7))
                    .workday(java.time.LocalDate.of(2026, 9, 27))
                    .build();
            ZoneId sh = ZoneId.of("Asia/Shanghai");
            Instant submitted = ZonedDateTime.of(2026, 9, 30, 16, 0, 0, 0, sh).toInstant();
            Instant due = cn.add(submitted, Duration.ofHours(4));
            out.println("   submitted Wed 30 Sep 16:00 + 4 working hours -> due " + due.atZone(sh).toLocalDateTime()
                    + " (the Golden Week is skipped)");
            failed += check(out, due.equals(ZonedDateTime.of(2026, 10, 8, 11, 0, 0, 0, sh).toInstant()), "deadline skips the holidays");
            out.println("   make-up Sunday 27 Sep is working time: " + cn.isWorkingTime(ZonedDateTime.of(2026, 9, 27, 10, 0, 0, 0, sh).toInstant()));

            out.println("\n== 2. Forms (表单): an expense claim with every problem reported at once");
            FormSchema expense = FormSchema.builder("expense")
                    .text("reason", f -> f.required().maxLength(100))
                    .table("items", t -> t.min(1).max(20)
                            .date("day", f -> f.required())
                            .money("amount", f -> f.required().currency("CNY").max("5000.00")))
                    .build();
            try {
                expense.validate(Map.of("items", java.util.List.of(
                        Map.of("day", "2026-11-02", "amount", Map.of("amount", "120.00", "currency", "CNY")),
                        Map.of("day", "2026-11-31", "amount", Map.of("amount", "9000.00", "currency", "CNY")))));
                failed += check(out, false, "invalid claim is refused");
            } catch (ValidationException e) {
                e.problems().forEach(p -> out.println("   " + p));
                failed += check(out, e.paths().contains("reason") && e.paths().contains("items[1].amount"), "every problem has its path");
            }

            out.println("\n== 3. Organisation directory (通讯录): departments and users from one file, heads after the users, per-row report");
            Directory directory = oa.service(Directory.class);
            directory.saveRole(admin, new Role("finance", "财务"));
            String organisation = """
                    type,id,name,parent,head,email,manager,departments,roles
                    department,hq,总部,,zhao,,,,
                    department,fin,财务部,hq,qian,,,,
                    department,ap,应付组,fin,,,,,
                    user,zhao,赵总,,,zhao@acme.cn,,hq,
                    user,qian,钱经理,,,qian@acme.cn,,fin,finance
                    user,sun,孙会计,,,sun@acme.cn,,ap,
                    user,li,李出纳,,,li@acme.cn,,nowhere,
                    user,alice,Alice,,,alice@acme.cn,sun,ap,
                    user,bob,Bob,,,bob@acme.cn,sun,ap,
                    """;
            OrgImportReport report = directory.importOrganisation(admin, ImportFormat.CSV, new StringReader(organisation));
            out.println("   imported: " + report.count(OrgImportReport.Outcome.CREATED) + " rows created, "
                    + report.count(OrgImportReport.Outcome.FAILED) + " failed:");
            report.failures().forEach(r -> r.errors().forEach(e -> out.println("     " + r.kind() + " row " + r.row() + " (" + r.id() + ") "
                    + e.field() + ": " + e.message())));
            OrgImportReport again = directory.importOrganisation(admin, ImportFormat.CSV, new StringReader(organisation));
            out.println("   the same file again, as on a second boot: " + again.count(OrgImportReport.Outcome.UNCHANGED) + " rows unchanged, "
                    + again.count(OrgImportReport.Outcome.FAILED) + " failed (li's department still does not exist)");
            out.println("   alice's manager chain: " + directory.managerChain(admin, "alice", 5, true).stream()
                    .map(u -> u.name() + " (" + u.id() + ")").toList());
            failed += check(out, report.count(OrgImportReport.Outcome.CREATED) == 8 && report.count(OrgImportReport.Outcome.FAILED) == 1
                    && directory.department(admin, "fin").headUserId().equals("qian"), "valid rows imported, heads set, the bad row reported");
            failed += check(out, !again.changedAnything() && again.count(OrgImportReport.Outcome.UNCHANGED) == 8,
                    "a second import of the same file changes nothing");
            failed += check(out, directory.managerOf(admin, "alice", 2).map(u -> u.id().equals("qian")).orElse(false),
                    "manager two levels up is the finance head");
            directory.deactivateUser(admin, "sun");
            failed += check(out, directory.managerOf(admin, "alice", 1).map(u -> u.id().equals("qian")).orElse(false)
                            && directory.user(admin, "sun").email() != null,
                    "a deactivated manager is skipped and keeps all data");

            out.println("\n== 4. Approvals (审批): a leave request through the manager and, for long leave, the director");
            directory.saveRole(admin, new Role("director", "总监"));
            directory.assignRole(admin, "zhao", "director");
            ProcessDefinitions processes = oa.service(ProcessDefinitions.class);
            Approvals approvals = oa.service(Approvals.class);
            ApprovalQueries queries = oa.service(ApprovalQueries.class);
            ProcessDefinition leave = ProcessDefinition.builder("leave").name("请假")
                    .form(FormSchema.builder("leave")
                            .select("type", f -> f.required().options("annual", "sick"))
                            .number("days", f -> f.required().min("0.5").max(30))
                            .text("reason", f -> f.maxLength(200))
                            .build())
                    .start("start")
                    .approval("manager", a -> a.name("直属上级").approver(ApproverRule.manager(1)))
                    .exclusive("long")
                    .approval("director", a -> a.name("总监").approver(ApproverRule.role("director")))
                    .end("approved")
                    .chain("start", "manager", "long")
                    .when("long", "director", "form.days > 3").otherwise("long", "approved")
                    .route("director", "approved")
                    .build();
            Deployment deployed = processes.deploy(admin, leave);
            out.println("   deployed process " + deployed.key() + " v" + deployed.version() + " (" + deployed.name() + ")");
            try {
                approvals.start(Actor.of("acme", "ghost"), StartRequest.of("leave", Map.of("type", "annual", "days", 1)));
                failed += check(out, false, "a user who is not in the directory is refused");
            } catch (ForbiddenException e) {
                out.println("   ghost, who is not in the directory, is refused: " + e.getMessage());
                failed += check(out, CoreErrors.UNKNOWN_ACTOR.equals(e.code()), "a user who is not in the directory is refused");
            }
            Actor qian = Actor.of("acme", "qian");
            ProcessInstance request = approvals.start(alice, StartRequest.of("leave", Map.of("type", "annual", "days", 5, "reason", "探亲")));
            out.println("   alice asks for 5 days: instance " + request.id() + " waits at " + request.activeNodes());
            for (String approver : java.util.List.of("qian", "zhao")) {
                Actor who = Actor.of("acme", approver);
                dev.oakit.workflow.Task task = queries.todo(who, TodoQuery.firstPage()).get(0);
                out.println("   " + approver + "'s todo: " + task.title() + " at " + task.nodeName());
                approvals.approve(who, task.id(), Decision.comment("同意"));
            }
            InstanceDetail detail = queries.detail(alice, request.id());
            detail.timeline().forEach(h -> out.println("     " + h.action() + " by " + h.actorId()
                    + (h.comment() == null ? "" : " — " + h.comment())));
            failed += check(out, detail.instance().status() == InstanceStatus.APPROVED, "five days need the manager and the director");
            ProcessInstance shortLeave = approvals.start(alice, StartRequest.of("leave", Map.of("type", "sick", "days", 1)));
            approvals.approve(qian, queries.todo(qian, TodoQuery.firstPage()).get(0).id(), Decision.none());
            failed += check(out, queries.detail(alice, shortLeave.id()).instance().status() == InstanceStatus.APPROVED
                    && queries.todo(Actor.of("acme", "zhao"), TodoQuery.firstPage()).isEmpty(), "one day needs the manager only");

            out.println("\n== 5. A vendor plugin through the SPI alone: meeting-room booking");
            Rooms rooms = oa.service(Rooms.class);
            Instant start = Instant.now().plus(Duration.ofMinutes(5));
            Rooms.Booking booking = rooms.book(alice, "Lotus", start, start.plus(Duration.ofHours(1)));
            out.println("   alice booked " + booking.room() + " from " + clock(booking.startsAt()) + " to " + clock(booking.endsAt()));
            try {
                rooms.book(Actor.of("acme", "bob"), "Lotus", start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofHours(2)));
                failed += check(out, false, "double booking is refused");
            } catch (ConflictException e) {
                out.println("   bob is refused: " + e.getMessage());
            }
            long deadline = System.currentTimeMillis() + 20_000;
            while (!rooms.bookings(alice).get(0).reminded() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            failed += check(out, rooms.bookings(alice).get(0).reminded(), "the durable reminder job ran after commit");
            Notifications notifications = oa.service(Notifications.class);
            while (notifications.deliveries(alice, DeliveryQuery.all()).stream().anyMatch(d -> d.status() != DeliveryStatus.SENT)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            notifications.deliveries(alice, DeliveryQuery.all()).forEach(d ->
                    out.println("   notice " + d.templateKey() + " to " + d.recipientId() + " via " + d.channel() + ": " + d.status()));
            failed += check(out, notifications.deliveries(alice, DeliveryQuery.all()).stream().allMatch(d -> d.status() == DeliveryStatus.SENT)
                    && !notifications.deliveries(alice, DeliveryQuery.all()).isEmpty(), "the booking notice was delivered after commit");

            out.println("\n== 6. Audit log (审计日志): hash-chained, verifiable");
            AuditLog audit = oa.service(AuditLog.class);
            java.util.List<dev.oakit.core.audit.AuditRecord> recent = new java.util.ArrayList<>(audit.recent(admin, 6));
            java.util.Collections.reverse(recent); // oldest first, as the chain runs
            recent.forEach(r -> out.println("   #" + r.seq() + " " + r.actorId() + " " + r.action() + ": " + r.summary()));
            AuditVerification v = audit.verify(admin);
            if (!v.intact() && !v.tampered()) {
                v = audit.verify(admin); // entries written moments ago were sealed after the first check; this one covers them
            }
            out.println("   verified: " + (v.intact() ? "the chain is intact, " + v.checked() + " entries checked"
                    : "the chain is broken at #" + v.firstBadSeq() + ": " + v.problem()));
            failed += check(out, v.intact(), "the audit chain is intact");
        }

        out.println("\n== 7. Work orders (工单): a culture festival with 18 sub-events and 72 staff, dispatched automatically");
        java.io.ByteArrayOutputStream festivalOut = new java.io.ByteArrayOutputStream();
        long festivalFailed = dev.oakit.examples.festival.FestivalDemo.run(data.resolve("festival"),
                new PrintStream(festivalOut, true, StandardCharsets.UTF_8));
        festivalOut.toString(StandardCharsets.UTF_8).lines().forEach(l -> out.println("   " + l));
        failed += check(out, festivalFailed == 0, "the festival day ran with every check passing");

        out.println("\n== 8. Purchasing (采购): a requisition becomes exactly one ERPNext purchase order, even when a node dies mid-call");
        java.io.ByteArrayOutputStream erpOut = new java.io.ByteArrayOutputStream();
        int erpFailed = dev.oakit.examples.erp.PurchasingDemo.run(data.resolve("erp"), new PrintStream(erpOut, true, StandardCharsets.UTF_8));
        erpOut.toString(StandardCharsets.UTF_8).lines().forEach(l -> out.println("   " + l));
        failed += check(out, erpFailed == 0, "the purchasing part ran with every check passing");

        out.println("\n== 9. Deal approvals (CRM): a discount asked for in Salesforce, decided in OAKit, written back once");
        java.io.ByteArrayOutputStream crmOut = new java.io.ByteArrayOutputStream();
        int crmFailed = dev.oakit.examples.crm.DealApprovalDemo.run(data.resolve("crm"), new PrintStream(crmOut, true, StandardCharsets.UTF_8));
        crmOut.toString(StandardCharsets.UTF_8).lines().forEach(l -> out.println("   " + l));
        failed += check(out, crmFailed == 0, "the deal approval part ran with every check passing");

        out.println("\n== 10. A CRM case handled as a ticket: from Salesforce to the care queue, and the answers back once");
        java.io.ByteArrayOutputStream caseOut = new java.io.ByteArrayOutputStream();
        int caseFailed = dev.oakit.examples.crm.CrmCaseDemo.run(data.resolve("crm-case"), new PrintStream(caseOut, true, StandardCharsets.UTF_8));
        caseOut.toString(StandardCharsets.UTF_8).lines().forEach(l -> out.println("   " + l));
        failed += check(out, caseFailed == 0, "the CRM case part ran with every check passing");
        out.println(failed == 0 ? "\nDemo finished: all checks passed." : "\nDemo finished: " + failed + " check(s) FAILED.");
        return failed;
    }

    /** @return an instant as the time of day in Shanghai, e.g. 14:05 */
    private static String clock(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(ZoneId.of("Asia/Shanghai")));
    }

    private static int check(PrintStream out, boolean ok, String what) {
        out.println("   [" + (ok ? "ok" : "FAILED") + "] " + what);
        return ok ? 0 : 1;
    }

    /** Deletes a demo's data directory, if present. */
    public static void wipe(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
