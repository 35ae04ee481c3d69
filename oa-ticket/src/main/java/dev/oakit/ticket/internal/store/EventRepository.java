package dev.oakit.ticket.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.spi.PlainJdbc;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every statement on {@code oa_tk_event}: a ticket's history (timeline), appended by commands in one batch each. */
@Singleton
public final class EventRepository {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json;

    @Inject
    public EventRepository(ObjectMapper json) {
        this.json = json;
    }

    /** A history entry to append; {@code detail} never null. */
    public record NewEvent(TicketEventKind kind, String action, String fromState, String toState, String body, boolean internal,
                           Map<String, Object> detail, String actorId) {
    }

    private static final String APPEND = """
            INSERT INTO oa_tk_event (tenant_id, ticket_id, kind, actor_id, action, from_state, to_state, body, internal, detail, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A history entry as the SLA clock replays it. */
    public record Replayed(TicketEventKind kind, String toState, JsonNode detail, Instant at) {
    }

    /**
     * Appends a command's entries in one batch.
     *
     * @return the entries as written, with their ids, in order
     */
    public List<TicketEvent> append(Handle h, String tenant, long ticketId, List<NewEvent> events, Instant now) {
        if (events.isEmpty()) {
            return List.of();
        }
        // every command writes it: plain JDBC held per connection (HeldStatements), one batch
        List<Long> ids = PlainJdbc.batchInsert(h, PlainJdbc.Prepared.HELD, APPEND, "id", events.size(), (s, k) -> {
            NewEvent p = events.get(k);
            s.setString(1, tenant);
            s.setLong(2, ticketId);
            s.setString(3, p.kind().name());
            PlainJdbc.text(s, 4, p.actorId());
            PlainJdbc.text(s, 5, p.action());
            PlainJdbc.text(s, 6, p.fromState());
            PlainJdbc.text(s, 7, p.toState());
            PlainJdbc.text(s, 8, p.body());
            s.setBoolean(9, p.internal());
            PlainJdbc.text(s, 10, p.detail().isEmpty() ? null : JsonText.write(json, p.detail()));
            PlainJdbc.time(s, 11, now);
        }); // a key per row on every database, MariaDB's driver too (as core's job batches)
        List<TicketEvent> written = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            NewEvent p = events.get(i);
            written.add(new TicketEvent(ids.get(i), p.kind(), p.actorId(), p.action(), p.fromState(), p.toState(), p.body(), p.internal(),
                    p.detail(), now));
        }
        return written;
    }

    /** @return the timeline, oldest first; with {@code internal} false without the internal entries */
    public List<TicketEvent> timeline(Handle h, String tenant, long ticketId, boolean internal) {
        return h.createQuery("SELECT * FROM oa_tk_event WHERE ticket_id = :id AND tenant_id = :t"
                        + (internal ? "" : " AND internal = :i") + " ORDER BY id")
                .bind("id", ticketId).bind("t", tenant).bindMap(internal ? Map.of() : Map.of("i", false))
                .map((rs, c) -> new TicketEvent(rs.getLong("id"), TicketEventKind.valueOf(rs.getString("kind")), rs.getString("actor_id"),
                        rs.getString("action"), rs.getString("from_state"), rs.getString("to_state"), rs.getString("body"),
                        rs.getBoolean("internal"), readMap(rs.getString("detail")), Columns.instant(rs, "at"))).list();
    }

    /** @return the entries of these kinds, newest first (the assignment explanation looks for the newest assignment) */
    public List<TicketEvent> newestOfKinds(Handle h, String tenant, long ticketId, Set<TicketEventKind> kinds) {
        return h.createQuery("""
                SELECT * FROM oa_tk_event
                WHERE ticket_id = :id AND tenant_id = :t AND kind IN (<kinds>) ORDER BY id DESC""")
                .bind("id", ticketId).bind("t", tenant).bindList("kinds", kinds.stream().map(Enum::name).sorted().toList())
                .map((rs, c) -> new TicketEvent(rs.getLong("id"), TicketEventKind.valueOf(rs.getString("kind")), rs.getString("actor_id"),
                        rs.getString("action"), rs.getString("from_state"), rs.getString("to_state"), rs.getString("body"),
                        rs.getBoolean("internal"), readMap(rs.getString("detail")), Columns.instant(rs, "at"))).list();
    }

    /** @return the entries of these kinds as the SLA clock replays them, oldest first */
    public List<Replayed> replayable(Handle h, String tenant, long ticketId, Set<String> kinds) {
        List<Replayed> out = new ArrayList<>();
        h.createQuery("SELECT kind, to_state, detail, at FROM oa_tk_event WHERE ticket_id = :id AND tenant_id = :t ORDER BY id")
                .bind("id", ticketId).bind("t", tenant)
                .map((rs, c) -> {
                    String kind = rs.getString(1);
                    if (kinds.contains(kind)) {
                        String d = rs.getString(3);
                        out.add(new Replayed(TicketEventKind.valueOf(kind), rs.getString(2), d == null ? null : JsonText.read(json, d),
                                Columns.instant(rs, "at")));
                    }
                    return null;
                }).list();
        return out;
    }

    /** @return the text of the newest entry of this kind written at this instant (the entry an outbox event was published with) */
    public Optional<String> bodyAt(Handle h, long ticketId, String kind, Instant at) {
        return h.createQuery("SELECT body FROM oa_tk_event WHERE ticket_id = :id AND kind = :k AND at = :at ORDER BY id DESC")
                .bind("id", ticketId).bind("k", kind).bind("at", Columns.db(at)).mapTo(String.class).findFirst();
    }

    private Map<String, Object> readMap(String s) {
        if (s == null) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(json.readValue(s, MAP));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable ticket event detail", e);
        }
    }
}
