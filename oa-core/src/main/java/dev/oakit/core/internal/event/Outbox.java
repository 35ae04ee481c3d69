package dev.oakit.core.internal.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.internal.job.JobStore;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.EventRelay;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes domain events to the outbox table in the command's transaction and schedules their
 * delivery as durable jobs: one job for the in-process listeners, one per accepting relay.
 */
public final class Outbox {
    public static final String LISTENERS_JOB = "core.event.listeners";
    public static final String RELAY_JOB = "core.event.relay";

    private final ObjectMapper json;
    private final JobStore jobs;
    private final List<EventListener> listeners;
    private final List<EventRelay> relays;
    private final int maxAttempts;

    public Outbox(ObjectMapper json, JobStore jobs, Set<EventListener> listeners, Set<EventRelay> relays, int maxAttempts) {
        this.json = json;
        this.jobs = jobs;
        this.listeners = List.copyOf(listeners);
        this.relays = List.copyOf(relays);
        this.maxAttempts = maxAttempts;
    }

    /** The result of publishing: the event id and the ids of jobs to run right after commit. */
    public record Published(String eventId, List<Long> listenerJobs) {
    }

    public Published publish(Handle h, String tenantId, String actorId, Instant now, String type, String aggregateType,
                             String aggregateId, Object payload) {
        dev.oakit.core.Checks.text("eventType", type, 100);
        JsonNode node = payload == null ? json.createObjectNode() : json.valueToTree(payload);
        if (!(node instanceof ObjectNode)) {
            throw ValidationException.of("payload", "an event payload must be a JSON object, was " + node.getNodeType());
        }
        String eventId = UUID.randomUUID().toString();
        boolean listened = listeners.stream().anyMatch(l -> l.accepts(type));
        List<EventRelay> accepting = relays.stream().filter(r -> r.accepts(type)).toList();
        if (!listened && accepting.isEmpty()) {
            // nobody consumes this event type on this installation: nothing to store or deliver
            return new Published(eventId, List.of());
        }
        h.createUpdate("""
                INSERT INTO oa_core_outbox (event_id, tenant_id, event_type, aggregate_type, aggregate_id, actor_id, occurred_at, payload)
                VALUES (:e, :t, :type, :at, :aid, :actor, :now, :payload)""")
                .bind("e", eventId).bind("t", tenantId).bind("type", type).bind("at", aggregateType).bind("aid", aggregateId)
                .bind("actor", actorId).bind("now", InstantAsUtc.toDb(now)).bind("payload", node.toString()).execute();
        List<Long> inline = new ArrayList<>();
        if (listened) {
            inline.add(jobs.insert(h, tenantId, JobRequest.of(LISTENERS_JOB, new EventRef(eventId, null)), now, maxAttempts));
        }
        for (EventRelay relay : accepting) {
            jobs.insert(h, tenantId, JobRequest.of(RELAY_JOB, new EventRef(eventId, relay.id())), now, maxAttempts);
        }
        return new Published(eventId, inline);
    }

    /** Loads an event of a tenant by id. */
    public DomainEvent load(Handle h, String tenantId, String eventId) {
        return h.createQuery("SELECT * FROM oa_core_outbox WHERE event_id = :e AND tenant_id = :t").bind("e", eventId).bind("t", tenantId)
                .map((rs, ctx) -> {
                    try {
                        return new DomainEvent(rs.getString("event_id"), rs.getString("tenant_id"), rs.getString("event_type"),
                                rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getString("actor_id"),
                                rs.getObject("occurred_at", java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC),
                                json.readTree(rs.getString("payload")));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("outbox event " + eventId + " has an unreadable payload", e);
                    }
                }).findOne()
                .orElseThrow(() -> new NotFoundException("OA-CORE/EVENT_NOT_FOUND", "outbox event " + eventId + " does not exist"));
    }

    /** Lists events about one aggregate, oldest first. */
    public List<DomainEvent> forAggregate(Handle h, String tenantId, String aggregateType, String aggregateId) {
        return h.createQuery("SELECT event_id FROM oa_core_outbox WHERE tenant_id = :t AND aggregate_type = :at AND aggregate_id = :aid ORDER BY id")
                .bind("t", tenantId).bind("at", aggregateType).bind("aid", aggregateId).mapTo(String.class).list()
                .stream().map(id -> load(h, tenantId, id)).toList();
    }

    List<EventListener> listeners() {
        return listeners;
    }

    EventRelay relay(String id) {
        return relays.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new NotFoundException(
                "OA-CORE/RELAY_NOT_FOUND", "event relay '" + id + "' is not installed on this node; install it or replay the job elsewhere"));
    }

    /** Job payload naming an event and, for relay jobs, the relay. */
    public record EventRef(String eventId, String relayId) {
    }
}
