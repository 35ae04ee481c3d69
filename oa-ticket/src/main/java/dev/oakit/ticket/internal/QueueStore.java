package dev.oakit.ticket.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
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
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Queues, members and agent profiles in {@code oa_tk_queue}, {@code oa_tk_queue_member} and {@code oa_tk_agent}. */
@Singleton
public final class QueueStore implements Queues {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private final Commands commands;
    private final ObjectMapper json;
    private final Directory directory;
    private final BusinessCalendars calendars;

    @Inject
    public QueueStore(Commands commands, ObjectMapper json, Directory directory, BusinessCalendars calendars) {
        this.commands = commands;
        this.json = json;
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
            int n = ctx.handle().createUpdate("UPDATE oa_tk_queue SET name = :n, calendar = :c, active = :a WHERE tenant_id = :t AND queue_key = :k")
                    .bind("t", ctx.tenantId()).bind("k", queue.key()).bind("n", queue.name()).bind("c", queue.calendar())
                    .bind("a", queue.active()).execute();
            if (n == 0) {
                ctx.handle().createUpdate("INSERT INTO oa_tk_queue (tenant_id, queue_key, name, calendar, active) VALUES (:t, :k, :n, :c, :a)")
                        .bind("t", ctx.tenantId()).bind("k", queue.key()).bind("n", queue.name()).bind("c", queue.calendar())
                        .bind("a", queue.active()).execute();
            }
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
        return commands.query(h -> h.createQuery("SELECT queue_key, name, calendar, active FROM oa_tk_queue WHERE tenant_id = :t ORDER BY queue_key")
                .bind("t", actor.tenantId()).map((rs, c) -> new Queue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list());
    }

    /** @return the queue, or a ValidationException naming the field */
    static Queue requireQueue(Handle h, String tenant, String key, String field) {
        return queue(h, tenant, key).orElseThrow(() -> ValidationException.of(field, "queue '" + key
                + "' does not exist; an administrator saves it with Queues.saveQueue"));
    }

    static Optional<Queue> queue(Handle h, String tenant, String key) {
        return h.createQuery("SELECT queue_key, name, calendar, active FROM oa_tk_queue WHERE tenant_id = :t AND queue_key = :k")
                .bind("t", tenant).bind("k", key)
                .map((rs, c) -> new Queue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).findOne();
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
            throw new ValidationException("OA-CORE/VALIDATION", "members of queue '" + queue + "'", problems);
        }
        commands.execute(CommandSpec.of(admin, "tk.queue.members").withTarget("ticket-queue", queue), Void.class, ctx -> {
            Handle h = ctx.handle();
            requireQueue(h, ctx.tenantId(), queue, "queue");
            h.createUpdate("DELETE FROM oa_tk_queue_member WHERE tenant_id = :t AND queue_key = :q").bind("t", ctx.tenantId()).bind("q", queue).execute();
            var batch = h.prepareBatch("INSERT INTO oa_tk_queue_member (tenant_id, queue_key, user_id, dispatcher) VALUES (:t, :q, :u, :d)");
            for (QueueMember m : members) {
                batch.bind("t", ctx.tenantId()).bind("q", queue).bind("u", m.userId()).bind("d", m.dispatcher()).add();
            }
            if (!members.isEmpty()) {
                batch.execute();
            }
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
            write(ctx.handle(), ctx.tenantId(), agent);
            ctx.summary("saved agent profile of '" + agent.userId() + "' (capacity " + agent.capacity() + ", on duty " + agent.onDuty() + ")");
            return null;
        });
        return agent;
    }

    private void write(Handle h, String tenant, Agent agent) {
        String skills = JsonText.write(json, List.copyOf(agent.skills()));
        int n = h.createUpdate("UPDATE oa_tk_agent SET skills = :s, capacity = :c, on_duty = :d, calendar = :cal WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant).bind("u", agent.userId()).bind("s", skills).bind("c", agent.capacity()).bind("d", agent.onDuty())
                .bind("cal", agent.calendar()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_tk_agent (tenant_id, user_id, skills, capacity, on_duty, calendar) VALUES (:t, :u, :s, :c, :d, :cal)")
                    .bind("t", tenant).bind("u", agent.userId()).bind("s", skills).bind("c", agent.capacity()).bind("d", agent.onDuty())
                    .bind("cal", agent.calendar()).execute();
        }
    }

    @Override
    public Agent setOnDuty(Actor actor, String userId, boolean onDuty) {
        Checks.notNull("actor", actor);
        Checks.id("userId", userId);
        if (!actor.isAdmin() && !actor.userId().equals(userId)) {
            throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + actor.userId() + "' may not set the on-duty flag of '" + userId
                    + "'; the agent themself and administrators may");
        }
        return commands.execute(CommandSpec.of(actor, "tk.agent.duty").withTarget("ticket-agent", userId), Agent.class, ctx -> {
            Agent current = agent(ctx.handle(), ctx.tenantId(), userId).orElse(Agent.of(userId));
            Agent changed = current.withOnDuty(onDuty);
            write(ctx.handle(), ctx.tenantId(), changed);
            ctx.summary("'" + userId + "' is " + (onDuty ? "on" : "off") + " duty");
            return changed;
        });
    }

    Optional<Agent> agent(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT user_id, skills, capacity, on_duty, calendar FROM oa_tk_agent WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant).bind("u", userId).map((rs, c) -> agent(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getString(5))).findOne();
    }

    private Agent agent(String user, String skills, int capacity, boolean onDuty, String calendar) {
        try {
            return new Agent(user, new LinkedHashSet<>(json.readValue(skills, STRINGS)), capacity, onDuty, calendar);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent '" + user + "' has unreadable skills", e);
        }
    }

    @Override
    public List<QueueAgent> agents(Actor actor, String queue) {
        Checks.notNull("actor", actor);
        Checks.id("queue", queue);
        return commands.query(h -> {
            if (queue(h, actor.tenantId(), queue).isEmpty()) {
                throw new NotFoundException("OA-TK/QUEUE_NOT_FOUND", "queue '" + queue + "' does not exist in tenant '" + actor.tenantId() + "'");
            }
            if (!actor.isAdmin() && membership(h, actor.tenantId(), queue, actor.userId()).isEmpty()) {
                throw new ForbiddenException("OA-TK/FORBIDDEN", "user '" + actor.userId() + "' may not list the agents of queue '" + queue
                        + "'; its members and administrators may");
            }
            return agents(h, actor.tenantId(), queue);
        });
    }

    /** The queue's members with profile, directory flag and open load; used by queries and dispatch. */
    List<QueueAgent> agents(Handle h, String tenant, String queue) {
        Map<String, Integer> load = new HashMap<>();
        h.createQuery("""
                SELECT t.assignee_id, COUNT(*) FROM oa_tk_ticket t JOIN oa_tk_queue_member m
                  ON m.tenant_id = t.tenant_id AND m.user_id = t.assignee_id AND m.queue_key = :q
                WHERE t.tenant_id = :t AND t.state_kind IN ('ASSIGNED', 'IN_PROGRESS', 'WAITING') GROUP BY t.assignee_id""")
                .bind("t", tenant).bind("q", queue).map((rs, c) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> load.put(e.getKey(), e.getValue()));
        List<QueueAgent> out = new ArrayList<>();
        h.createQuery("""
                SELECT m.user_id, m.dispatcher, a.skills, a.capacity, a.on_duty, a.calendar FROM oa_tk_queue_member m
                LEFT JOIN oa_tk_agent a ON a.tenant_id = m.tenant_id AND a.user_id = m.user_id
                WHERE m.tenant_id = :t AND m.queue_key = :q ORDER BY m.user_id""")
                .bind("t", tenant).bind("q", queue).map((rs, c) -> {
                    String u = rs.getString(1);
                    Agent a = rs.getString(3) == null ? Agent.of(u) : agent(u, rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getString(6));
                    return new QueueAgent(a, rs.getBoolean(2), false, load.getOrDefault(u, 0));
                }).forEach(out::add);
        Actor system = Actor.system(tenant);
        return out.stream().map(qa -> new QueueAgent(qa.agent(), qa.dispatcher(),
                directory.findUser(system, qa.agent().userId()).map(User::active).orElse(false), qa.openTickets())).toList();
    }

    /** @return the member's dispatcher flag, or empty when the user is not a member of the queue */
    static Optional<Boolean> membership(Handle h, String tenant, String queue, String userId) {
        return h.createQuery("SELECT dispatcher FROM oa_tk_queue_member WHERE tenant_id = :t AND queue_key = :q AND user_id = :u")
                .bind("t", tenant).bind("q", queue).bind("u", userId).mapTo(Boolean.class).findOne();
    }

    /** @return the open tickets assigned to the user */
    static int openLoad(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_ticket WHERE tenant_id = :t AND assignee_id = :u AND state_kind IN ('ASSIGNED', 'IN_PROGRESS', 'WAITING')")
                .bind("t", tenant).bind("u", userId).mapTo(Integer.class).one();
    }
}
