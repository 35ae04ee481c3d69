package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueAgent;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Queues;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Queues}: queues, members and agent profiles, checked here and stored by {@link QueueRepository}. */
@Singleton
public final class QueueService implements Queues {
    private final Commands commands;
    private final QueueRepository queues;
    private final TicketRepository tickets;
    private final Directory directory;
    private final BusinessCalendars calendars;

    @Inject
    public QueueService(Commands commands, QueueRepository queues, TicketRepository tickets, Directory directory, BusinessCalendars calendars) {
        this.commands = commands;
        this.queues = queues;
        this.tickets = tickets;
        this.directory = directory;
        this.calendars = calendars;
    }

    @Override
    public Queue saveQueue(Actor admin, Queue queue) {
        Checks.notNull("admin", admin);
        Checks.notNull("queue", queue);
        admin.requireAdmin("save ticket queues");
        requireCalendar(queue.calendar());
        commands.execute(CommandSpec.of(admin, "tk.queue.save").withTarget("ticket-queue", queue.key()), Void.class, ctx -> {
            queues.saveQueue(ctx.handle(), ctx.tenantId(), queue);
            ctx.schedule(dev.oakit.ticket.internal.report.MetricRollupJob.at(ctx.now())); // the tenant's rollup chain, if not running yet
            ctx.summary("saved queue '" + queue.key() + "'");
            return null;
        });
        return queue;
    }

    private void requireCalendar(String name) {
        if (name != null && calendars.find(name).isEmpty()) {
            throw ValidationException.of("calendar", "no business calendar is named '" + name + "'; register it with the builder's calendar(..) or core.calendars");
        }
    }

    @Override
    public List<Queue> queues(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> queues.queues(h, actor.tenantId()));
    }

    @Override
    public List<QueueMember> setMembers(Actor admin, String queue, List<QueueMember> members) {
        Checks.notNull("admin", admin);
        Checks.id("queue", queue);
        Checks.elements("members", members);
        admin.requireAdmin("change queue members");
        Set<String> seen = new LinkedHashSet<>();
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String u = members.get(i).userId();
            if (!seen.add(u)) {
                problems.add(new ValidationException.Problem("members[" + i + "]", "user '" + u + "' is listed twice"));
            } else if (directory.findUser(Actor.system(admin.tenantId()), u).isEmpty()) {
                problems.add(new ValidationException.Problem("members[" + i + "]", "user '" + u + "' is not in the directory; create the user first"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(CoreErrors.VALIDATION, "members of queue '" + queue + "'", problems);
        }
        commands.execute(CommandSpec.of(admin, "tk.queue.members").withTarget("ticket-queue", queue), Void.class, ctx -> {
            Handle h = ctx.handle();
            queues.requireQueue(h, ctx.tenantId(), queue, "queue");
            queues.setMembers(h, ctx.tenantId(), queue, members);
            ctx.summary("queue '" + queue + "' has " + members.size() + " member(s): " + members.stream().map(QueueMember::userId).toList());
            return null;
        });
        return List.copyOf(members);
    }

    @Override
    public Agent saveAgent(Actor admin, Agent agent) {
        Checks.notNull("admin", admin);
        Checks.notNull("agent", agent);
        admin.requireAdmin("save agent profiles");
        requireCalendar(agent.calendar());
        commands.execute(CommandSpec.of(admin, "tk.agent.save").withTarget("ticket-agent", agent.userId()), Void.class, ctx -> {
            queues.saveAgent(ctx.handle(), ctx.tenantId(), agent);
            ctx.summary("saved agent profile of '" + agent.userId() + "' (capacity " + agent.capacity() + ", on duty " + agent.onDuty() + ")");
            return null;
        });
        return agent;
    }

    @Override
    public Agent setOnDuty(Actor actor, String userId, boolean onDuty) {
        Checks.notNull("actor", actor);
        Checks.id("userId", userId);
        if (!actor.isAdmin() && !actor.userId().equals(userId)) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + actor.userId() + "' may not set the on-duty flag of '" + userId
                    + "'; the agent themself and administrators may");
        }
        return commands.execute(CommandSpec.of(actor, "tk.agent.duty").withTarget("ticket-agent", userId), Agent.class, ctx -> {
            Agent current = queues.agent(ctx.handle(), ctx.tenantId(), userId).orElse(Agent.of(userId));
            Agent changed = current.withOnDuty(onDuty);
            queues.saveAgent(ctx.handle(), ctx.tenantId(), changed);
            ctx.summary("'" + userId + "' is " + (onDuty ? "on" : "off") + " duty");
            return changed;
        });
    }

    @Override
    public List<QueueAgent> agents(Actor actor, String queue) {
        Checks.notNull("actor", actor);
        Checks.id("queue", queue);
        return commands.query(h -> {
            if (queues.queue(h, actor.tenantId(), queue).isEmpty()) {
                throw new NotFoundException(TicketErrors.QUEUE_NOT_FOUND, "queue '" + queue + "' does not exist in tenant '" + actor.tenantId() + "'");
            }
            if (!actor.isAdmin() && queues.membership(h, actor.tenantId(), queue, actor.userId()).isEmpty()) {
                throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + actor.userId() + "' may not list the agents of queue '" + queue
                        + "'; its members and administrators may");
            }
            return agents(h, actor.tenantId(), queue);
        });
    }

    /** The queue's members with profile, directory flag and open load; used by queries and dispatch. */
    List<QueueAgent> agents(Handle h, String tenant, String queue) {
        Map<String, Integer> load = tickets.openLoadOfMembers(h, tenant, queue);
        Actor system = Actor.system(tenant);
        return queues.members(h, tenant, queue).stream().map(m -> new QueueAgent(m.agent(), m.dispatcher(),
                directory.findUser(system, m.agent().userId()).map(User::active).orElse(false), load.getOrDefault(m.agent().userId(), 0))).toList();
    }
}
