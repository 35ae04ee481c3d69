package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.job.JobInfo;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.CcItem;
import dev.oakit.workflow.CcQuery;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.Monitor;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.Workbench;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.mode.TaskKinds;
import dev.oakit.workflow.internal.preview.RoutePreviewer;
import dev.oakit.workflow.internal.proxy.ProxyRepository;
import dev.oakit.workflow.internal.store.CcRepository;
import dev.oakit.workflow.internal.store.HistoryRepository;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.Rows;
import dev.oakit.workflow.internal.store.TaskRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Todo, done, started-by-me, cc'd-to-me, instance detail, workbench, monitor and route preview queries. */
@Singleton
public final class ApprovalQueryService implements ApprovalQueries {
    private final Commands commands;
    private final InstanceViews views;
    private final RoutePreviewer previewer;
    private final ObjectMapper json;

    private final java.time.Clock clock;
    private final dev.oakit.workflow.WorkflowConfig config;
    private final TaskRepository tasks;
    private final InstanceRepository instances;
    private final HistoryRepository history;
    private final CcRepository cc;
    private final ProxyRepository proxyRecords;
    private final Jobs jobs;

    @Inject
    private ApprovalQueryService(Commands commands, InstanceViews views, RoutePreviewer previewer, ObjectMapper json,
                           java.time.Clock clock, dev.oakit.workflow.WorkflowConfig config, TaskRepository tasks,
                           InstanceRepository instances, HistoryRepository history, CcRepository cc, ProxyRepository proxyRecords,
                           Jobs jobs) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.instances = instances;
        this.history = history;
        this.cc = cc;
        this.proxyRecords = proxyRecords;
        this.clock = clock;
        this.config = config;
        this.commands = commands;
        this.views = views;
        this.previewer = previewer;
        this.json = json;
    }

    Task task(Rows.TaskRow t) {
        return new Task(t.id(), t.instanceId(), t.nodeId(), t.nodeName(), t.assigneeId(), t.ownerId(), t.status(), t.outcome(),
                t.key(), t.title(), t.initiatorId(), t.createdAt(), t.completedAt(), t.dueAt(), dueState(t), t.proxyFor(),
                TaskKinds.of(t.kind()), t.comment());
    }

    private dev.oakit.workflow.DueState dueState(Rows.TaskRow t) {
        if (t.dueAt() == null || t.status().ordinal() > dev.oakit.workflow.TaskStatus.WAITING.ordinal()) {
            return dev.oakit.workflow.DueState.NONE;
        }
        Instant now = clock.instant();
        if (!t.dueAt().isAfter(now)) {
            return dev.oakit.workflow.DueState.OVERDUE;
        }
        return t.dueAt().isAfter(now.plus(config.dueSoon())) ? dev.oakit.workflow.DueState.ON_TIME : dev.oakit.workflow.DueState.DUE_SOON;
    }

    @Override
    public List<Task> todo(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> tasks.todo(h, actor.tenantId(), actor.userId(), q, clock.instant(), config.dueSoon()).stream()
                .map(this::task).toList());
    }

    @Override
    public List<Task> pool(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> tasks.pool(h, actor.tenantId(), actor.userId(), q, clock.instant(), config.dueSoon()).stream()
                .map(this::task).toList());
    }

    @Override
    public long todoCount(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> tasks.todoCount(h, actor.tenantId(), actor.userId()));
    }

    @Override
    public List<Task> done(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> tasks.done(h, actor.tenantId(), actor.userId(), q, clock.instant(), config.dueSoon()).stream()
                .map(this::task).toList());
    }

    @Override
    public List<ProcessInstance> startedBy(Actor actor, TodoQuery query) {
        Checks.notNull("actor", actor);
        TodoQuery q = query == null ? TodoQuery.firstPage() : query;
        return commands.query(h -> instances.startedBy(h, actor.tenantId(), actor.userId(), q.processKey(), q.newestFirst(), q.size(),
                q.page() * q.size()).stream().map(r -> views.view(h, actor, r)).toList());
    }

    @Override
    public InstanceDetail detail(Actor actor, long instanceId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> {
            String[] inline = new String[1];
            Rows.InstanceRow row = views.row(h, actor, instanceId, inline);
            ProcessInstance instance = views.view(h, actor, row);
            if (!actor.isAdmin() && !views.participates(h, actor.tenantId(), instanceId, instance.initiatorId(), actor.userId())
                    && !proxyRecords.isSuccessor(h, actor.tenantId(), actor.userId(), instance.initiatorId())) {
                throw new NotFoundException(WorkflowErrors.INSTANCE_NOT_FOUND, "process instance " + instanceId
                        + " does not exist in tenant '" + actor.tenantId() + "' or user '" + actor.userId() + "' does not take part in it");
            }
            List<Task> all = tasks.ofInstance(h, instanceId).stream().map(this::task).toList();
            // the inline timeline first, then what went to oa_wf_history (older instances, long timelines)
            List<HistoryEntry> timeline = new java.util.ArrayList<>(Timeline.parse(json, inline[0]));
            if (Timeline.mayHaveRowsInHistoryTable(json, row.state())) {
                timeline.addAll(history.of(h, instanceId));
            }
            return new InstanceDetail(instance, all, timeline);
        });
    }

    // ------------------------------------------------------------------ cc'd to me

    @Override
    public List<CcItem> ccToMe(Actor actor, CcQuery query) {
        Checks.notNull("actor", actor);
        CcQuery q = query == null ? CcQuery.firstPage() : query;
        return commands.query(h -> cc.toUser(h, actor.tenantId(), actor.userId(), q));
    }

    @Override
    public void markCcRead(Actor actor, long ccId) {
        Checks.notNull("actor", actor);
        commands.execute(CommandSpec.of(actor, "wf.cc.read").withTarget("cc", Long.toString(ccId)), Void.class, ctx -> {
            CcRepository.Cc item = cc.find(ctx.handle(), actor.tenantId(), ccId)
                    .orElseThrow(() -> new NotFoundException(WorkflowErrors.CC_NOT_FOUND, "cc item " + ccId
                            + " does not exist in tenant '" + actor.tenantId() + "'"));
            if (!actor.userId().equals(item.userId())) {
                throw new ForbiddenException(WorkflowErrors.NOT_CC_RECIPIENT, "user '" + actor.userId() + "' may not mark cc item " + ccId
                        + " read; only its recipient '" + item.userId() + "' may");
            }
            if (item.readAt() != null) {
                ctx.summary("cc item " + ccId + " of instance " + item.instanceId() + " was already read at " + item.readAt());
                return null;
            }
            cc.markRead(ctx.handle(), ccId, ctx.now());
            ctx.summary("read cc item " + ccId + " of instance " + item.instanceId());
            return null;
        });
    }

    @Override
    public long unreadCcCount(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> cc.unreadCount(h, actor.tenantId(), actor.userId()));
    }

    // ------------------------------------------------------------------ workbench and monitor

    @Override
    public Workbench workbench(Actor actor) {
        Checks.notNull("actor", actor);
        long[] c = commands.query(h -> instances.workbench(h, actor.tenantId(), actor.userId()));
        return new Workbench(c[0], c[1], c[2], c[3]);
    }

    @Override
    public Monitor monitor(Actor admin) {
        Checks.notNull("admin", admin);
        if (!admin.isAdmin()) {
            throw new ForbiddenException(WorkflowErrors.MONITOR, "user '" + admin.userId() + "' of tenant '" + admin.tenantId()
                    + "' may not see the process monitor; only administrators (role " + Actor.ADMIN_ROLE + ") may");
        }
        // the dead service jobs come from oa-core's job API, before the workflow's own reads
        List<JobInfo> deadServiceJobs = new ArrayList<>(jobs.dead(admin, Flow.SERVICE_JOB, Monitor.MAX_INCIDENTS * 2));
        deadServiceJobs.addAll(jobs.dead(admin, Flow.REMOTE_SERVICE_JOB, Monitor.MAX_INCIDENTS * 2));
        return commands.query(h -> {
            Map<String, Long> running = new TreeMap<>();
            Map<String, Map<String, Long>> waiting = new TreeMap<>();
            // the active nodes live in the instance state: one pass over the running instances, streamed
            instances.eachRunning(h, admin.tenantId(), r -> {
                running.merge(r[0], 1L, Long::sum);
                for (String node : activeNodes(r[1])) {
                    waiting.computeIfAbsent(r[0], k -> new TreeMap<>()).merge(node, 1L, Long::sum);
                }
            });
            long suspended = instances.suspendedCount(h, admin.tenantId());
            return new Monitor(
                    running.entrySet().stream().map(e -> new Monitor.ProcessCount(e.getKey(), e.getValue())).toList(),
                    waiting.entrySet().stream().flatMap(p -> p.getValue().entrySet().stream()
                            .map(n -> new Monitor.NodeCount(p.getKey(), n.getKey(), n.getValue()))).toList(),
                    suspended, incidents(h, admin.tenantId(), deadServiceJobs));
        });
    }

    private List<String> activeNodes(String state) {
        try {
            JsonNode active = json.readTree(state).path("active");
            List<String> out = new ArrayList<>();
            active.forEach(n -> out.add(n.asText()));
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private record DeadJob(long id, long instanceId, String node, String error, Instant at) {
    }

    private List<Monitor.Incident> incidents(org.jdbi.v3.core.Handle h, String tenant, List<JobInfo> deadServiceJobs) {
        List<DeadJob> dead = new ArrayList<>();
        for (JobInfo j : deadServiceJobs) {
            JsonNode p = j.payload();
            if (p.path("instanceId").canConvertToLong() && p.path("node").isTextual()) { // else no incident of an instance
                dead.add(new DeadJob(j.id(), p.path("instanceId").asLong(), p.path("node").asText(), j.lastError(), j.updatedAt()));
            }
        }
        if (dead.isEmpty()) {
            return List.of();
        }
        // a dead job is an incident while its instance has not ended and still waits at the node
        // (not after a cancel, or a jump past the service node)
        Map<Long, String[]> instancesById = new LinkedHashMap<>();
        Map<Long, List<String>> active = new LinkedHashMap<>();
        for (InstanceRepository.Unended u : instances.runningOrSuspended(h, tenant,
                dead.stream().map(DeadJob::instanceId).distinct().toList())) {
            active.put(u.id(), activeNodes(u.state()));
            instancesById.put(u.id(), new String[]{u.key(), u.title()});
        }
        return dead.stream().filter(d -> instancesById.containsKey(d.instanceId()) && active.get(d.instanceId()).contains(d.node()))
                .limit(Monitor.MAX_INCIDENTS)
                .map(d -> new Monitor.Incident(d.id(), d.instanceId(), instancesById.get(d.instanceId())[0],
                        instancesById.get(d.instanceId())[1], d.node(), d.error(), d.at()))
                .toList();
    }

    // ------------------------------------------------------------------ route preview

    @Override
    public RoutePreview preview(Actor initiator, StartRequest request) {
        Checks.notNull("initiator", initiator);
        Checks.notNull("request", request);
        return previewer.preview(initiator, request);
    }
}
