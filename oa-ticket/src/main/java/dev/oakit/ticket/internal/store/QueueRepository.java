package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.PlainJdbc;
import dev.oakit.ticket.Agent;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every statement on {@code oa_tk_queue}, {@code oa_tk_queue_member}, {@code oa_tk_agent} (agent profiles) and
 * {@code oa_tk_agent_dispatch} (when automatic dispatch last gave an agent work). {@link TicketRepository}'s lists
 * and counts read the members too, in their visibility condition.
 */
@Singleton
public final class QueueRepository {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private final ObjectMapper json;
    private final ConfigCache cache;

    @Inject
    public QueueRepository(ObjectMapper json, ConfigCache cache) {
        this.json = json;
        this.cache = cache;
    }

    /** A member of a queue with their profile (the default profile when they have none). */
    public record Member(Agent agent, boolean dispatcher) {
    }

    // ------------------------------------------------------------------ queues

    /** Inserts or replaces a queue. */
    public void saveQueue(Handle h, String tenant, Queue queue) {
        cache.changed(h);
        int n = h.createUpdate("UPDATE oa_tk_queue SET name = :n, calendar = :c, active = :a WHERE tenant_id = :t AND queue_key = :k")
                .bind("t", tenant).bind("k", queue.key()).bind("n", queue.name()).bind("c", queue.calendar())
                .bind("a", queue.active()).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO oa_tk_queue (tenant_id, queue_key, name, calendar, active) VALUES (:t, :k, :n, :c, :a)")
                    .bind("t", tenant).bind("k", queue.key()).bind("n", queue.name()).bind("c", queue.calendar())
                    .bind("a", queue.active()).execute();
        }
    }

    /** @return the tenants that have at least one queue, in order */
    public List<String> tenantsWithQueues(Handle h) {
        return h.createQuery("SELECT DISTINCT tenant_id FROM oa_tk_queue ORDER BY tenant_id").mapTo(String.class).list();
    }

    /** @return every queue of the tenant, by key */
    public List<Queue> queues(Handle h, String tenant) {
        return h.createQuery("SELECT queue_key, name, calendar, active FROM oa_tk_queue WHERE tenant_id = :t ORDER BY queue_key")
                .bind("t", tenant).map((rs, c) -> new Queue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list();
    }

    /** @return the queue, if it exists (cached, {@link ConfigCache}) */
    public Optional<Queue> queue(Handle h, String tenant, String key) {
        return cache.get(() -> h.createQuery("SELECT queue_key, name, calendar, active FROM oa_tk_queue WHERE tenant_id = :t AND queue_key = :k")
                .bind("t", tenant).bind("k", key)
                .map((rs, c) -> new Queue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).findOne(), "queue", tenant, key);
    }

    /** @return the queue; a {@code ValidationException} naming the field when it does not exist */
    public Queue requireQueue(Handle h, String tenant, String key, String field) {
        return queue(h, tenant, key).orElseThrow(() -> ValidationException.of(field, "queue '" + key
                + "' does not exist; an administrator saves it with Queues.saveQueue"));
    }

    /** Locks the queue's row until the transaction ends: one automatic dispatch into a queue at a time. */
    public void lockQueue(Handle h, String tenant, String key) {
        // every routed create locks it: plain JDBC held per connection (HeldStatements; H2 never caches a FOR UPDATE's parse)
        PlainJdbc.each(h, PlainJdbc.Prepared.HELD, LOCK_QUEUE, p -> {
            p.setString(1, tenant);
            p.setString(2, key);
        }, rs -> rs.getString(1));
    }

    private static final String LOCK_QUEUE = "SELECT queue_key FROM oa_tk_queue WHERE tenant_id = ? AND queue_key = ? FOR UPDATE";

    // ------------------------------------------------------------------ members

    /** Replaces the members of a queue. */
    public void setMembers(Handle h, String tenant, String queue, List<QueueMember> members) {
        cache.changed(h);
        h.createUpdate("DELETE FROM oa_tk_queue_member WHERE tenant_id = :t AND queue_key = :q").bind("t", tenant).bind("q", queue).execute();
        var batch = h.prepareBatch("INSERT INTO oa_tk_queue_member (tenant_id, queue_key, user_id, dispatcher) VALUES (:t, :q, :u, :d)");
        for (QueueMember m : members) {
            batch.bind("t", tenant).bind("q", queue).bind("u", m.userId()).bind("d", m.dispatcher()).add();
        }
        if (!members.isEmpty()) {
            batch.execute();
        }
    }

    /** @return the member's dispatcher flag, or empty when the user is not a member of the queue */
    public Optional<Boolean> membership(Handle h, String tenant, String queue, String userId) {
        return h.createQuery("SELECT dispatcher FROM oa_tk_queue_member WHERE tenant_id = :t AND queue_key = :q AND user_id = :u")
                .bind("t", tenant).bind("q", queue).bind("u", userId).mapTo(Boolean.class).findOne();
    }

    /** @return the queue's dispatchers, by user id (cached, {@link ConfigCache}) */
    public List<String> dispatchers(Handle h, String tenant, String queue) {
        return cache.get(() -> List.copyOf(h.createQuery("SELECT user_id FROM oa_tk_queue_member WHERE tenant_id = :t AND queue_key = :q AND dispatcher = :d ORDER BY user_id")
                .bind("t", tenant).bind("q", queue).bind("d", true).mapTo(String.class).list()), "dispatchers", tenant, queue);
    }

    /** @return whether the user is a member of any queue */
    public boolean isAgentAnywhere(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_tk_queue_member WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant).bind("u", userId).mapTo(Integer.class).one() > 0;
    }

    /** @return the queues the user is a member of, by key */
    public List<String> queuesOf(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT queue_key FROM oa_tk_queue_member WHERE tenant_id = :t AND user_id = :u ORDER BY queue_key")
                .bind("t", tenant).bind("u", userId).mapTo(String.class).list();
    }

    /** @return the queue's members with their profiles, by user id */
    public List<Member> members(Handle h, String tenant, String queue) {
        return h.createQuery("""
                SELECT m.user_id, m.dispatcher, a.skills, a.capacity, a.on_duty, a.calendar FROM oa_tk_queue_member m
                LEFT JOIN oa_tk_agent a ON a.tenant_id = m.tenant_id AND a.user_id = m.user_id
                WHERE m.tenant_id = :t AND m.queue_key = :q ORDER BY m.user_id""")
                .bind("t", tenant).bind("q", queue).map((rs, c) -> {
                    String u = rs.getString(1);
                    Agent a = rs.getString(3) == null ? Agent.of(u) : agent(u, rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getString(6));
                    return new Member(a, rs.getBoolean(2));
                }).list();
    }

    /** A member as automatic dispatch sees them: profile, dispatcher flag, open tickets by priority name, last assignment. */
    public record Candidate(Agent agent, boolean dispatcher, Map<String, Integer> openByPriority, Instant lastAssignedAt) {
    }

    /** The candidates' query ({@link #candidates}): parameters {@code t} (tenant) and {@code q} (queue). */
    static final String CANDIDATES = """
                SELECT m.user_id, m.dispatcher, a.skills, a.capacity, a.on_duty, a.calendar, d.last_assigned_at, l.priority, l.n
                FROM oa_tk_queue_member m
                LEFT JOIN oa_tk_agent a ON a.tenant_id = m.tenant_id AND a.user_id = m.user_id
                LEFT JOIN oa_tk_agent_dispatch d ON d.tenant_id = m.tenant_id AND d.user_id = m.user_id
                LEFT JOIN (SELECT q.user_id AS assignee_id, t.priority, COUNT(*) AS n FROM oa_tk_queue_member q
                    JOIN oa_tk_ticket t ON t.tenant_id = :t AND t.assignee_id = q.user_id AND t.done_flag = 0
                        AND t.state_kind IN\s""" + TicketRepository.HELD_KINDS + " " + """
                    WHERE q.tenant_id = :t AND q.queue_key = :q
                    GROUP BY q.user_id, t.priority) l ON l.assignee_id = m.user_id
                WHERE m.tenant_id = :t AND m.queue_key = :q ORDER BY m.user_id""";
    private static final String CANDIDATES_POSITIONAL = PlainJdbc.positional(CANDIDATES);
    private static final String[] CANDIDATE_PARAMETERS = PlainJdbc.parameterNames(CANDIDATES);

    /**
     * The queue's members with everything dispatch needs, in one query however many they are: profile, when dispatch
     * last gave them work, and the open tickets each holds (in any queue) by priority. The open counts read, per member,
     * the member's open tickets ({@code done_flag} 0) from {@code oa_tk_ticket_assignee}, which holds state and priority:
     * the index alone, however many tickets the table (or the member's history) has.
     *
     * @return the candidates, by user id
     */
    public List<Candidate> candidates(Handle h, String tenant, String queue) {

        Map<String, Candidate> out = new java.util.LinkedHashMap<>();
        // every routed create reads it: plain JDBC held per connection (HeldStatements), read by column index
        PlainJdbc.each(h, PlainJdbc.Prepared.HELD, CANDIDATES_POSITIONAL, p -> {
            for (int i = 0; i < CANDIDATE_PARAMETERS.length; i++) {
                p.setString(i + 1, CANDIDATE_PARAMETERS[i].equals("t") ? tenant : queue);
            }
        }, rs -> {
            String u = rs.getString(1);
            Candidate known = out.get(u);
            if (known == null) {
                Agent a = rs.getString(3) == null ? Agent.of(u) : agent(u, rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getString(6));
                known = new Candidate(a, rs.getBoolean(2), new HashMap<>(), PlainJdbc.instant(rs, 7));
                out.put(u, known);
            }
            String priority = rs.getString(8);
            if (priority != null) {
                known.openByPriority().put(priority, rs.getInt(9));
            }
        });
        return List.copyOf(out.values());
    }

    // ------------------------------------------------------------------ agent profiles

    /** Inserts or replaces an agent profile. */
    public void saveAgent(Handle h, String tenant, Agent agent) {
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

    /** @return the user's agent profile, if saved */
    public Optional<Agent> agent(Handle h, String tenant, String userId) {
        return h.createQuery("SELECT user_id, skills, capacity, on_duty, calendar FROM oa_tk_agent WHERE tenant_id = :t AND user_id = :u")
                .bind("t", tenant).bind("u", userId).map((rs, c) -> agent(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getString(5))).findOne();
    }

    /** Locks the agent's profile row until the transaction ends (a capped agent's load is counted under it). */
    public void lockAgent(Handle h, String tenant, String userId) {
        h.createQuery("SELECT user_id FROM oa_tk_agent WHERE tenant_id = :t AND user_id = :u FOR UPDATE")
                .bind("t", tenant).bind("u", userId).mapTo(String.class).findOne();
    }

    private Agent agent(String user, String skills, int capacity, boolean onDuty, String calendar) {
        try {
            return new Agent(user, new LinkedHashSet<>(json.readValue(skills, STRINGS)), capacity, onDuty, calendar);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent '" + user + "' has unreadable skills", e);
        }
    }

    // ------------------------------------------------------------------ dispatch times

    /**
     * Stores when automatic dispatch last gave the user work: an update of their row, or when the caller read that they
     * have none (or it is gone), an insert.
     */
    public void assignedAt(Handle h, String tenant, String userId, Instant at, boolean hasRow) {
        // every routed create writes it: plain JDBC held per connection (HeldStatements)
        int n = !hasRow ? 0 : PlainJdbc.update(h, PlainJdbc.Prepared.HELD, DISPATCHED_AGAIN, p -> {
            PlainJdbc.time(p, 1, at);
            p.setString(2, tenant);
            p.setString(3, userId);
        });
        if (n == 0) {
            PlainJdbc.update(h, PlainJdbc.Prepared.HELD, DISPATCHED_FIRST, p -> {
                p.setString(1, tenant);
                p.setString(2, userId);
                PlainJdbc.time(p, 3, at);
            });
        }
    }

    private static final String DISPATCHED_AGAIN = "UPDATE oa_tk_agent_dispatch SET last_assigned_at = ? WHERE tenant_id = ? AND user_id = ?";
    private static final String DISPATCHED_FIRST = "INSERT INTO oa_tk_agent_dispatch (tenant_id, user_id, last_assigned_at) VALUES (?, ?, ?)";
}
