package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.sla.EscalationAction;
import dev.oakit.ticket.sla.EscalationStep;
import dev.oakit.ticket.sla.SlaPolicy;
import dev.oakit.ticket.sla.SlaStatus;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.internal.store.EventRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.RoutingRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import dev.oakit.ticket.internal.store.WatcherRepository;
import dev.oakit.ticket.internal.command.Access;
import dev.oakit.ticket.internal.runner.CommandRunner;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link TicketRouting}: rules and policies as JSON, SLA status and assignment explanations, redispatch. */
@Singleton
public final class RoutingService implements TicketRouting {
    private final Commands commands;
    private final RoutingRepository store;
    private final TicketRepository tickets;
    private final EventRepository events;
    private final QueueRepository queues;
    private final WatcherRepository watchers;
    private final CommandRunner runner;
    private final RuleDispatch dispatch;
    private final SlaTimers sla;
    private final BusinessCalendars calendars;
    private final java.time.Clock clock;

    @Inject
    public RoutingService(Commands commands, RoutingRepository store, CommandRunner runner, RuleDispatch dispatch, SlaTimers sla,
                          BusinessCalendars calendars, java.time.Clock clock, TicketRepository tickets, EventRepository events,
                          QueueRepository queues, WatcherRepository watchers) {
        this.clock = clock;
        this.commands = commands;
        this.store = store;
        this.runner = runner;
        this.dispatch = dispatch;
        this.sla = sla;
        this.calendars = calendars;
        this.tickets = tickets;
        this.events = events;
        this.queues = queues;
        this.watchers = watchers;
    }

    @Override
    public DispatchRules saveDispatchRules(Actor admin, DispatchRules rules) {
        Checks.notNull("admin", admin);
        Checks.notNull("rules", rules);
        admin.requireAdmin("save dispatch rules");
        rules.checkStrategies(dispatch.strategies());
        commands.execute(CommandSpec.of(admin, "tk.dispatch.rules").withTarget("ticket-dispatch-rules", admin.tenantId()), Void.class, ctx -> {
            checkReferences(ctx.handle(), ctx.tenantId(), rules);
            store.saveRules(ctx.handle(), ctx.tenantId(), rules, ctx.now());
            ctx.summary("saved " + rules.rules().size() + " dispatch rule(s)");
            return null;
        });
        return rules;
    }

    /** Every queue, priority and SLA policy an outcome names must exist. */
    private void checkReferences(Handle h, String tenant, DispatchRules rules) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        Set<String> policies = new TreeSet<>(store.policies(h, tenant).stream().map(SlaPolicy::name).toList());
        for (int i = 0; i < rules.rules().size(); i++) {
            check(h, tenant, "rules[" + i + "].then", rules.rules().get(i).then(), policies, problems);
        }
        check(h, tenant, "otherwise", rules.otherwise(), policies, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(DispatchRules.INVALID, "dispatch rules", problems);
        }
    }

    private void check(Handle h, String tenant, String path, DispatchOutcome o, Set<String> policies,
                              List<ValidationException.Problem> problems) {
        if (o == null) {
            return;
        }
        if (o.queue() != null && queues.queue(h, tenant, o.queue()).isEmpty()) {
            problems.add(new ValidationException.Problem(path + ".queue", "queue '" + o.queue() + "' does not exist; save it with Queues.saveQueue"));
        }
        if (o.priority() != null && java.util.Arrays.stream(Priority.values()).noneMatch(p -> p.name().equals(o.priority()))) {
            problems.add(new ValidationException.Problem(path + ".priority", "'" + o.priority() + "' is no priority; use one of "
                    + List.of(Priority.values())));
        }
        if (o.slaPolicy() != null && !policies.contains(o.slaPolicy())) {
            problems.add(new ValidationException.Problem(path + ".slaPolicy", "no SLA policy is named '" + o.slaPolicy()
                    + "'; save it first with TicketRouting.saveSlaPolicy (saved: " + policies + ")"));
        }
    }

    @Override
    public DispatchRules dispatchRules(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> store.rules(h, actor.tenantId())).orElseGet(DispatchRules::none);
    }

    @Override
    public SlaPolicy saveSlaPolicy(Actor admin, SlaPolicy policy) {
        Checks.notNull("admin", admin);
        Checks.notNull("policy", policy);
        admin.requireAdmin("save SLA policies");
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (calendars.find(policy.calendar()).isEmpty()) {
            problems.add(new ValidationException.Problem("calendar", "no business calendar is named '" + policy.calendar()
                    + "'; register it with the builder's calendar(..) or use one of " + calendars.names()));
        }
        for (int i = 0; i < policy.escalations().size(); i++) {
            EscalationStep s = policy.escalations().get(i);
            if (s.action() == EscalationAction.REASSIGN_QUEUE && commands.query(h -> queues.queue(h, admin.tenantId(), s.queue())).isEmpty()) {
                problems.add(new ValidationException.Problem("escalations[" + i + "].queue", "queue '" + s.queue()
                        + "' does not exist; save it with Queues.saveQueue"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(SlaPolicy.INVALID, "SLA policy '" + policy.name() + "'", problems);
        }
        commands.execute(CommandSpec.of(admin, "tk.sla.policy").withTarget("ticket-sla-policy", policy.name()), Void.class, ctx -> {
            store.savePolicy(ctx.handle(), ctx.tenantId(), policy, ctx.now());
            ctx.summary("saved SLA policy '" + policy.name() + "'");
            return null;
        });
        return policy;
    }

    @Override
    public List<SlaPolicy> slaPolicies(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> store.policies(h, actor.tenantId()));
    }

    @Override
    public SlaStatus sla(Actor actor, long ticketId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> {
            readable(h, actor, ticketId);
            return sla.evaluate(h, actor.tenantId(), ticketId, clock.instant()).status();
        });
    }

    @Override
    public Optional<String> assignmentExplanation(Actor actor, long ticketId) {
        Checks.notNull("actor", actor);
        return commands.query(h -> {
            Readable readable = readable(h, actor, ticketId);
            TicketRow row = readable.row();
            if (row.assignee == null) {
                return Optional.empty();
            }
            // the newest assignment to the current assignee, and the dispatch decision just before it in the same command
            List<TicketEvent> found = events.newestOfKinds(h, actor.tenantId(), ticketId,
                    EnumSet.of(TicketEventKind.ASSIGNED, TicketEventKind.DISPATCHED));
            for (int i = 0; i < found.size(); i++) {
                TicketEvent e = found.get(i);
                if (e.kind() != TicketEventKind.ASSIGNED || !row.assignee.equals(field(e, "to"))) {
                    continue;
                }
                if (!readable.agentView()) {
                    return Optional.of("assigned to " + row.assignee + " at " + e.at()); // that it was, not why
                }
                if (i + 1 < found.size()) {
                    TicketEvent before = found.get(i + 1);
                    if (before.kind() == TicketEventKind.DISPATCHED && row.assignee.equals(field(before, "agent"))) {
                        return Optional.of(before.body());
                    }
                }
                String how = "claim".equals(e.action()) ? "claimed by " + e.actorId() : "assigned by " + e.actorId() + " (" + e.action() + ")";
                return Optional.of(how + " at " + e.at());
            }
            return Optional.empty();
        });
    }

    private static String field(TicketEvent e, String name) {
        Object v = e.detail().get(name);
        return v == null ? null : v.toString();
    }

    /** A ticket the actor may read, and whether they get the agent view (dispatch explanations). */
    private record Readable(TicketRow row, boolean agentView) {
    }

    private Readable readable(Handle h, Actor actor, long ticketId) {
        TicketRow row = tickets.find(h, actor.tenantId(), ticketId).orElseThrow(() -> Access.notFound(actor.tenantId(), ticketId));
        Set<Party> parties = Access.parties(actor, row, queues.membership(h, actor.tenantId(), row.queue, actor.userId()));
        if (parties.isEmpty() && !watchers.watches(h, row.id, actor.userId())) {
            throw Access.notFound(actor.tenantId(), ticketId);
        }
        return new Readable(row, Access.agentView(parties));
    }

    @Override
    public List<Ticket> redispatch(Actor actor, String queue) {
        Checks.notNull("actor", actor);
        Checks.id("queue", queue);
        List<Long> waiting = commands.query(h -> {
            queues.requireQueue(h, actor.tenantId(), queue, "queue");
            if (!actor.isAdmin() && !queues.membership(h, actor.tenantId(), queue, actor.userId()).orElse(false)) {
                throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + actor.userId() + "' may not redispatch queue '" + queue
                        + "'; its dispatchers and administrators may");
            }
            return tickets.waitingInQueue(h, actor.tenantId(), queue);
        });
        List<Ticket> assigned = new ArrayList<>();
        for (long id : waiting) {
            Ticket[] done = new Ticket[1];
            commands.execute(CommandSpec.of(actor, "tk.ticket.redispatch").withTarget("ticket", Long.toString(id)), Void.class, ctx -> {
                done[0] = runner.redispatch(ctx, id, queue); // a retried command sets it again
                return null;
            });
            if (done[0] != null) {
                assigned.add(done[0]);
            }
        }
        return assigned;
    }
}
