package dev.oakit.examples.festival;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketCatalog;
import dev.oakit.ticket.TicketPage;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.TicketQueries;
import dev.oakit.ticket.TicketQuery;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;
import dev.oakit.ticket.dispatch.RuleConditions;
import dev.oakit.ticket.sla.EscalationStep;
import dev.oakit.ticket.sla.ReopenRule;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.ticket.sla.SlaTarget;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seed 000's question, answered with oa-ticket: a culture festival with 18 sub-events and 72
 * staff. Every sub-event's work is created in bulk from task templates, dispatched by rules (the
 * skill a task needs picks the team; the team's strategy picks the person among those on shift,
 * under their capacity), worked through a simulated festival day on a clock the scenario moves,
 * and tasks nobody starts go overdue and are escalated to the command centre by the SLA policy.
 * It ends with progress per sub-event and a final report.
 *
 * <p>Runs on any {@link OaKit} builder the caller prepares (the demo uses embedded H2); the
 * scenario sets the clock, the calendars and the ticket plug-in itself.
 *
 * <p>Why one class of about 500 lines: it is an example meant to be read top to bottom as one
 * story (staff, set-up, the day hour by hour, the report); split into classes it would be harder to
 * follow, and it is no library code anyone extends.
 */
public final class Festival {
    /** Tenant of the festival. */
    public static final String TENANT = "festival";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 08:00 on the festival day. */
    public static final Instant DAY_START = ZonedDateTime.of(2026, 10, 17, 8, 0, 0, 0, ZONE).toInstant();

    /** The 18 sub-events: key, name, kind (stage show or fair), priority. */
    record SubEvent(String key, String name, boolean stage, Priority priority) {
        /** Evening events get their work when the evening shift arrives. */
        boolean evening() {
            return EVENING.contains(key);
        }
    }

    static final Set<String> EVENING = Set.of("lantern", "film", "drama", "choir", "fireworks", "closing");

    static final List<SubEvent> SUB_EVENTS = List.of(
            new SubEvent("opening", "开幕式 Opening ceremony", true, Priority.HIGH),
            new SubEvent("folk-music", "民乐专场 Folk music", true, Priority.NORMAL),
            new SubEvent("opera", "戏曲展演 Chinese opera", true, Priority.NORMAL),
            new SubEvent("calligraphy", "书法展 Calligraphy exhibition", false, Priority.NORMAL),
            new SubEvent("painting", "国画展 Ink painting exhibition", false, Priority.NORMAL),
            new SubEvent("lantern", "灯会 Lantern show", false, Priority.NORMAL),
            new SubEvent("food-fair", "美食市集 Food fair", false, Priority.NORMAL),
            new SubEvent("craft-market", "非遗手作市集 Intangible-heritage crafts", false, Priority.NORMAL),
            new SubEvent("poetry", "诗词大会 Poetry contest", true, Priority.NORMAL),
            new SubEvent("film", "露天电影 Open-air cinema", true, Priority.NORMAL),
            new SubEvent("dance", "广场舞大赛 Square dance contest", true, Priority.NORMAL),
            new SubEvent("kids", "亲子工坊 Family workshop", false, Priority.NORMAL),
            new SubEvent("photo", "摄影大赛 Photo contest", false, Priority.NORMAL),
            new SubEvent("tea", "茶艺表演 Tea ceremony", true, Priority.NORMAL),
            new SubEvent("drama", "话剧 Drama", true, Priority.NORMAL),
            new SubEvent("choir", "合唱节 Choir festival", true, Priority.NORMAL),
            new SubEvent("fireworks", "烟火秀 Fireworks", false, Priority.HIGH),
            new SubEvent("closing", "闭幕式 Closing ceremony", true, Priority.HIGH));

    /** A task template: title, the skill it needs. */
    record Template(String title, String skill) {
    }

    static final List<Template> STAGE_TASKS = List.of(
            new Template("舞台搭建 Stage set-up", "stage"), new Template("音响调试 Sound check", "sound"),
            new Template("灯光调试 Lighting", "lighting"), new Template("安保巡查 Security sweep", "security"),
            new Template("医疗点值守 First-aid post", "first-aid"), new Template("观众引导 Ushering", "ushering"),
            new Template("现场拍摄 Photo and video", "media"), new Template("场地清洁 Clean-up", "cleaning"));
    static final List<Template> FAIR_TASKS = List.of(
            new Template("展位布置 Booth set-up", "logistics"), new Template("物资配送 Supplies run", "logistics"),
            new Template("安保巡查 Security sweep", "security"), new Template("讲解翻译 Guide and translation", "translation"),
            new Template("现场拍摄 Photo and video", "media"), new Template("场地清洁 Clean-up", "cleaning"));

    /** Teams (queues): key, name, the skills they cover, strategy. */
    record Team(String key, String name, Set<String> skills, String strategy) {
    }

    static final List<Team> TEAMS = List.of(
            new Team("stage-tech", "舞台技术组 Stage tech", Set.of("stage", "sound", "lighting"), DispatchStrategies.SKILL_MATCH),
            new Team("safety", "安全保障组 Safety", Set.of("security", "first-aid"), DispatchStrategies.SKILL_MATCH),
            new Team("guest", "观众服务组 Guest services", Set.of("ushering", "translation"), DispatchStrategies.SKILL_MATCH),
            new Team("logistics", "后勤保障组 Logistics", Set.of("logistics", "cleaning"), DispatchStrategies.SKILL_MATCH),
            new Team("media", "宣传组 Media", Set.of("media"), DispatchStrategies.ROUND_ROBIN));
    /** Where escalated tasks go. */
    static final String COMMAND = "command";

    /** Staff who signed up but do not show (their tasks go overdue and are escalated). */
    static final Set<String> NO_SHOWS = Set.of("s07", "s23");

    /** The simulated clock the scenario moves. */
    private final ManualClock clock;
    private final Actor admin = Actor.admin(TENANT, "director");
    private final Map<String, List<String>> staffSkills = new LinkedHashMap<>();
    private final Map<String, String> staffShift = new LinkedHashMap<>();
    private final Map<String, Integer> capacity = new HashMap<>();
    private OaKit oa;
    private Tickets tickets;
    private TicketQueries queries;
    private TicketRouting routing;

    /** What the run produced: printable lines and the checks with their outcome. */
    public record Report(List<String> lines, Map<String, Boolean> checks) {
        /** @return the number of failed checks */
        public long failed() {
            return checks.values().stream().filter(ok -> !ok).count();
        }
    }

    private Festival(ManualClock clock) {
        this.clock = clock;
    }

    /**
     * Configures a builder for the festival: the simulated clock, the calendars, the ticket
     * plug-in and a fast job poll (the scenario moves time in big steps).
     */
    public static Festival prepare(dev.oakit.core.OaKitBuilder builder) {
        Festival f = new Festival(new ManualClock(DAY_START));
        builder.tenant(TENANT, "节日活动").clock(f.clock)
                .calendar(BusinessCalendar.builder("festival").zone(ZONE)
                        .week(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, "08:00-22:00").build())
                .calendar(BusinessCalendar.builder("morning-shift").zone(ZONE)
                        .week(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, "08:00-15:00").build())
                .calendar(BusinessCalendar.builder("evening-shift").zone(ZONE)
                        .week(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, "14:00-22:00").build())
                .plugin(new TicketPlugin())
                .config("ticket", Map.of("calendar", "festival", "startWithin", "PT30M", "acceptanceDays", 1))
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S")));
        return f;
    }

    /** Runs the whole festival day on a started OAKit built from {@link #prepare}. */
    public Report run(OaKit started) {
        this.oa = started;
        tickets = oa.service(Tickets.class);
        queries = oa.service(TicketQueries.class);
        routing = oa.service(TicketRouting.class);
        List<String> out = new ArrayList<>();
        Map<String, Boolean> checks = new LinkedHashMap<>();

        staff(out);
        setUp(out);
        Map<String, List<Long>> bySubEvent = new LinkedHashMap<>();
        createTasks(out, false, bySubEvent);
        int total = countTemplates();

        long created = all().size();
        long assignedAtOnce = all().stream().filter(t -> t.assignee() != null).count();
        out.add(String.format("dispatched at 08:00: %d of %d day tasks to someone on the morning shift; %d wait in their team's queue",
                assignedAtOnce, created, created - assignedAtOnce));
        Ticket sample = all().stream().filter(t -> t.assignee() != null).findFirst().orElseThrow();
        out.add("why " + sample.number() + " went to " + sample.assignee() + ": "
                + routing.assignmentExplanation(admin, sample.id()).orElse("(no explanation)"));
        checks.put("every automatic assignment explains itself",
                all().stream().filter(t -> t.assignee() != null).allMatch(t -> routing.assignmentExplanation(admin, t.id()).isPresent()));
        checks.put("every assignee has the skill the task needs", all().stream().filter(t -> t.assignee() != null)
                .allMatch(t -> staffSkills.getOrDefault(t.assignee(), List.of()).contains((String) t.fields().get("skills"))));

        int maxOverCapacity = work(out, bySubEvent);
        checks.put("18 sub-events with " + total + " tasks created from templates",
                bySubEvent.size() == 18 && bySubEvent.values().stream().mapToInt(List::size).sum() == total);
        checks.put("nobody ever held more open tasks than their capacity", maxOverCapacity == 0);
        checks.put("the evening shift took the evening events' work", all().stream().anyMatch(t -> t.assignee() != null
                && "evening-shift".equals(staffShift.get(t.assignee()))));

        List<Ticket> escalated = all().stream().filter(t -> COMMAND.equals(t.queue())).toList();
        out.add(String.format("escalated to the command centre: %d task(s) — %s", escalated.size(),
                escalated.stream().map(Ticket::number).toList()));
        checks.put("tasks of the no-show staff went overdue and were escalated to the command centre",
                !escalated.isEmpty());
        checks.put("no task is left with a no-show", all().stream()
                .noneMatch(t -> t.stateKind() != StateKind.CLOSED && NO_SHOWS.contains(t.assignee())));

        progress(out, bySubEvent);
        long closed = all().stream().filter(t -> t.stateKind() == StateKind.CLOSED).count();
        checks.put("by 22:00 every task is done and accepted", closed == total);
        finalReport(out);
        return new Report(out, checks);
    }

    static int countTemplates() {
        return SUB_EVENTS.stream().mapToInt(s -> s.stage() ? STAGE_TASKS.size() : FAIR_TASKS.size()).sum();
    }

    // ------------------------------------------------------------------ set-up

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟"};

    /** 72 staff: skills, shift and capacity from a fixed seed, so every run is the same. */
    private void staff(List<String> out) {
        Directory d = oa.service(Directory.class);
        d.createUser(admin, User.of("director", "总指挥 Director"));
        d.createDepartment(admin, Department.root("festival", "文化节组委会 Festival office"));
        List<String> skills = List.of("stage", "sound", "lighting", "security", "first-aid", "ushering", "translation",
                "logistics", "cleaning", "media");
        Random random = new Random(2026);
        for (int i = 1; i <= 72; i++) {
            String id = String.format("s%02d", i);
            d.createUser(admin, User.of(id, SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + " " + id));
            d.saveMembership(admin, Membership.primary(id, "festival"));
            // every skill is covered by at least seven people; some have a second skill
            List<String> own = new ArrayList<>(List.of(skills.get((i - 1) % skills.size())));
            if (random.nextInt(3) == 0) {
                String second = skills.get(random.nextInt(skills.size()));
                if (!own.contains(second)) {
                    own.add(second);
                }
            }
            staffSkills.put(id, own);
            staffShift.put(id, i % 3 == 0 ? "evening-shift" : "morning-shift");
            capacity.put(id, i <= 6 ? 4 : 3);
        }
        for (SubEvent s : SUB_EVENTS) {
            d.createUser(admin, User.of("lead-" + s.key(), "负责人 " + s.name()));
        }
        out.add(String.format("staff: %d people, %d on the morning shift (08–15), %d on the evening shift (14–22); 18 sub-event leads",
                staffSkills.size(), staffShift.values().stream().filter("morning-shift"::equals).count(),
                staffShift.values().stream().filter("evening-shift"::equals).count()));
    }

    private void setUp(List<String> out) {
        TicketCatalog catalog = oa.service(TicketCatalog.class);
        catalog.saveCategory(admin, Category.of("festival", null, "2026 城市文化节 City culture festival"));
        for (SubEvent s : SUB_EVENTS) {
            catalog.saveCategory(admin, Category.of("festival." + s.key(), "festival", s.name()));
        }

        Queues queues = oa.service(Queues.class);
        queues.saveQueue(admin, Queue.of(COMMAND, "指挥中心 Command centre"));
        // the director administers (and so dispatches everywhere); the command centre is the team leads s01–s06
        queues.setMembers(admin, COMMAND, List.of(QueueMember.agent("s01"),
                QueueMember.agent("s02"), QueueMember.agent("s03"), QueueMember.agent("s04"), QueueMember.agent("s05"),
                QueueMember.agent("s06")));
        for (Team team : TEAMS) {
            queues.saveQueue(admin, Queue.of(team.key(), team.name()));
            List<QueueMember> members = new ArrayList<>();
            staffSkills.forEach((id, own) -> {
                if (own.stream().anyMatch(team.skills()::contains)) {
                    members.add(QueueMember.agent(id));
                }
            });
            queues.setMembers(admin, team.key(), members);
        }
        staffSkills.forEach((id, own) -> queues.saveAgent(admin, new Agent(id, Set.copyOf(own), capacity.get(id), true,
                staffShift.get(id))));
        catalog.saveType(admin, TicketType.of("festival-task", "文化节任务 Festival task")
                .withForm(FormSchema.builder("festival-task")
                        .select("skills", f -> f.required().label("所需技能 Skill").options("stage", "sound", "lighting", "security",
                                "first-aid", "ushering", "translation", "logistics", "cleaning", "media"))
                        .text("venue", f -> f.label("场地 Venue"))
                        .build())
                .withDefaultQueue(COMMAND));

        // an hour to finish an urgent task, two for a high one, three otherwise; a task nobody finished in time is
        // announced at its due time and handed to the command centre half an hour later
        routing.saveSlaPolicy(admin, SlaPolicy.builder("festival").calendar("festival")
                .target("URGENT", SlaTarget.RESOLUTION, Duration.ofHours(1))
                .target("HIGH", SlaTarget.RESOLUTION, Duration.ofHours(2))
                .target("NORMAL", SlaTarget.RESOLUTION, Duration.ofHours(3))
                .target("LOW", SlaTarget.RESOLUTION, Duration.ofHours(4))
                .escalation(EscalationStep.notify(SlaTarget.RESOLUTION, Duration.ZERO))
                .escalation(EscalationStep.reassignQueue(SlaTarget.RESOLUTION, Duration.ofMinutes(30), COMMAND))
                .reopen(ReopenRule.RESUME)
                .build());
        // rules as data: the skill a task needs picks the team and its strategy
        DispatchRules.Builder rules = DispatchRules.builder();
        for (Team team : TEAMS) {
            rules.rule("team " + team.key(), RuleConditions.any().field("skills", team.skills().toArray()),
                    DispatchOutcome.of(team.key(), team.strategy()).withSlaPolicy("festival"));
        }
        routing.saveDispatchRules(admin, rules.otherwise(DispatchOutcome.of(COMMAND, DispatchStrategies.LEAST_LOADED)
                .withSlaPolicy("festival")).build());
        out.add("teams: " + TEAMS.stream().map(t -> t.key() + " (" + t.strategy() + ")").toList() + " + command centre");
    }

    private void createTasks(List<String> out, boolean evening, Map<String, List<Long>> bySubEvent) {
        int before = bySubEvent.values().stream().mapToInt(List::size).sum();
        for (SubEvent s : SUB_EVENTS) {
            if (s.evening() != evening) {
                continue;
            }
            Actor lead = Actor.of(TENANT, "lead-" + s.key());
            List<Long> ids = new ArrayList<>();
            for (Template t : s.stage() ? STAGE_TASKS : FAIR_TASKS) {
                Ticket created = tickets.create(lead, NewTicket.builder("festival-task", t.title() + " — " + s.name())
                        .category("festival." + s.key()).priority(s.priority()).channel("api")
                        .requester(Requester.user(lead.userId()))
                        .field("skills", t.skill()).field("venue", s.key())
                        .requestId("template-" + s.key() + "-" + t.skill() + "-" + ids.size())
                        .build());
                ids.add(created.id());
            }
            bySubEvent.put(s.key(), ids);
        }
        out.add(String.format("%s: created %d tasks for the %s sub-events from %d stage and %d fair templates",
                evening ? "14:00" : "08:00", bySubEvent.values().stream().mapToInt(List::size).sum() - before,
                evening ? "evening" : "day", STAGE_TASKS.size(), FAIR_TASKS.size()));
    }

    // ------------------------------------------------------------------ the day

    /**
     * Half-hour rounds from 08:00 to 22:00: staff on shift start their assigned tasks and finish
     * the ones they started (a fixed seed decides how long each takes), leads accept finished
     * work, the evening shift's queue is dispatched when it arrives; the no-shows do nothing.
     *
     * @return how many times someone held more open tasks than their capacity (0 expected)
     */
    private int work(List<String> out, Map<String, List<Long>> bySubEvent) {
        Random random = new Random(17);
        int overCapacity = 0;
        boolean eveningDispatched = false;
        boolean handedOver = false;
        for (int round = 0; round < 28; round++) {
            Instant now = clock.instant();
            int hour = now.atZone(ZONE).getHour();
            if (!eveningDispatched && hour >= 14) {
                int before = unassignedCount();
                for (Team team : TEAMS) {
                    routing.redispatch(admin, team.key());
                }
                routing.redispatch(admin, COMMAND);
                out.add(String.format("14:00 the evening shift arrives: %d task(s) that waited in a queue dispatched", before - unassignedCount()));
                createTasks(out, true, bySubEvent);
                long evening = all().stream().filter(t -> t.assignee() != null && "evening-shift".equals(staffShift.get(t.assignee()))).count();
                out.add(String.format("14:00: %d task(s) now with the evening shift", evening));
                eveningDispatched = true;
            }
            if (!handedOver && hour >= 15) {
                // 交接班: what the morning shift did not finish goes back to its queue and on to the evening shift
                int moved = 0;
                for (Ticket t : all()) {
                    if (t.assignee() != null && "morning-shift".equals(staffShift.get(t.assignee()))
                            && t.stateKind() != StateKind.CLOSED && t.stateKind() != StateKind.RESOLVED) {
                        tickets.reassign(admin, t.id(), t.queue(), null, "交接班 shift change at 15:00");
                        moved++;
                    }
                }
                for (Team team : TEAMS) {
                    routing.redispatch(admin, team.key());
                }
                routing.redispatch(admin, COMMAND);
                out.add(String.format("15:00 shift change: %d unfinished task(s) of the morning shift handed to the evening shift", moved));
                handedOver = true;
            }
            for (Ticket t : all()) {
                if (t.assignee() == null || NO_SHOWS.contains(t.assignee()) || !onShift(t.assignee(), hour)) {
                    continue;
                }
                Actor agent = Actor.of(TENANT, t.assignee());
                boolean finish = random.nextInt(3) > 0 || hour >= 21;
                try {
                    if (t.stateKind() == StateKind.ASSIGNED) {
                        tickets.start(agent, t.id());
                    } else if (t.stateKind() == StateKind.IN_PROGRESS && finish) {
                        tickets.resolve(agent, t.id(), "完成 done");
                    }
                } catch (ForbiddenException | ConflictException movedMeanwhile) {
                    // an SLA escalation handed the task to the command centre while the list was read: leave it to them
                }
            }
            for (Ticket t : all()) {
                if (t.stateKind() == StateKind.RESOLVED) {
                    tickets.accept(Actor.of(TENANT, t.requester().userId()), t.id(), "验收通过 accepted");
                }
            }
            overCapacity += overCapacity();
            // the command centre takes what was escalated to it
            routing.redispatch(admin, COMMAND);
            clock.advance(Duration.ofMinutes(30));
            settle();
        }
        return overCapacity;
    }

    private boolean onShift(String staff, int hour) {
        return "director".equals(staff) || ("morning-shift".equals(staffShift.get(staff)) ? hour >= 8 && hour < 15 : hour >= 14 && hour < 22);
    }

    private int overCapacity() {
        Map<String, Integer> open = new HashMap<>();
        for (Ticket t : all()) {
            if (t.assignee() != null && t.stateKind() != StateKind.CLOSED && t.stateKind() != StateKind.RESOLVED) {
                open.merge(t.assignee(), 1, Integer::sum);
            }
        }
        return (int) open.entrySet().stream().filter(e -> e.getValue() > capacity.getOrDefault(e.getKey(), Integer.MAX_VALUE)).count();
    }

    /** Lets the job worker run what the clock step made due (overdue flags, SLA escalations). */
    private void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int stable = 0;
        String last = "";
        while (System.nanoTime() < deadline && stable < 2) {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String now = snapshot();
            stable = now.equals(last) ? stable + 1 : 0;
            last = now;
        }
    }

    private String snapshot() {
        StringBuilder b = new StringBuilder();
        for (Ticket t : all()) {
            b.append(t.id()).append(t.queue()).append(t.assignee()).append(t.overdue()).append(t.priority()).append(';');
        }
        return b.toString();
    }

    private int unassignedCount() {
        return (int) all().stream().filter(t -> t.assignee() == null && t.stateKind() != StateKind.CLOSED).count();
    }

    private List<Ticket> all() {
        List<Ticket> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            TicketPage page = queries.list(admin, TicketQuery.builder().page(offset, 200).build());
            out.addAll(page.items());
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return out;
            }
        }
    }

    // ------------------------------------------------------------------ reports

    private void progress(List<String> out, Map<String, List<Long>> bySubEvent) {
        out.add("progress per sub-event (done / tasks, finished after their SLA due time, escalated to the command centre):");
        Map<String, Ticket> byId = new HashMap<>();
        all().forEach(t -> byId.put(Long.toString(t.id()), t));
        for (SubEvent s : SUB_EVENTS) {
            List<Ticket> own = bySubEvent.get(s.key()).stream().map(id -> byId.get(Long.toString(id))).toList();
            long done = own.stream().filter(t -> t.stateKind() == StateKind.CLOSED).count();
            long late = own.stream().filter(t -> routing.sla(admin, t.id()).breached()).count();
            long escalated = own.stream().filter(t -> COMMAND.equals(t.queue())).count();
            out.add(String.format("  %-40s %2d / %2d   late %d   escalated %d", s.name(), done, own.size(), late, escalated));
        }
    }

    private void finalReport(List<String> out) {
        Map<String, int[]> perTeam = new TreeMap<>();
        Map<String, Integer> perStaff = new TreeMap<>();
        for (Ticket t : all()) {
            perTeam.computeIfAbsent(t.queue(), k -> new int[1])[0]++;
            if (t.assignee() != null) {
                perStaff.merge(t.assignee(), 1, Integer::sum);
            }
        }
        out.add("final report:");
        perTeam.forEach((team, n) -> out.add(String.format("  team %-12s %3d task(s)", team, n[0])));
        int busiest = perStaff.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        out.add(String.format("  %d staff worked on tasks; the busiest handled %d; %d staff had none",
                perStaff.size(), busiest, staffSkills.size() - perStaff.keySet().stream().filter(staffSkills::containsKey).count()));
    }
}
