package dev.oakit.core.internal.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.internal.db.BatchedDelete;
import dev.oakit.core.internal.db.InstantAsUtc;
import dev.oakit.core.internal.job.JobRepository;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.EventRelay;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes domain events to the outbox table in the command's transaction and schedules their
 * delivery as durable jobs: one per accepting listener and one per accepting relay, each retried
 * and parked as dead on its own.
 */
public final class Outbox {
    /** One event to one in-process listener. */
    public static final String LISTENER_JOB = "core.event.listener";
    /** All listeners of one event in one job, as scheduled before listeners got a job each; such a job now fans out. */
    public static final String LEGACY_LISTENERS_JOB = "core.event.listeners";
    /** One event to one relay. */
    public static final String RELAY_JOB = "core.event.relay";

    /**
     * Payload classes that turned into a JSON object: the rest of their kind do as well (a map, a record, a bean), so an event
     * of theirs that nobody reads is not turned into JSON only to be checked and dropped. Bounded: a class is a few per event type.
     */
    private static final Map<Class<?>, Boolean> OBJECT_PAYLOADS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Where event ids come from: a random (version 4) UUID as {@link UUID#randomUUID()} makes, from a generator of the
     * thread's own. {@code randomUUID} draws on the JVM's one shared {@code SecureRandom}, whose lock (and, on Linux, read of
     * /dev/urandom) every command that publishes took in turn: at 4 threads it was the engine's main point of contention.
     */
    private static final ThreadLocal<IdBytes> IDS = ThreadLocal.withInitial(() -> new IdBytes(idGenerator()));

    private final ObjectMapper json;
    private final JobRepository jobs;
    private final Map<String, EventListener> listeners;
    private final List<EventRelay> relays;

    /**
     * @throws ConfigurationException when two listeners share an id, or a lambda listener has no id of its own
     */
    public Outbox(ObjectMapper json, JobRepository jobs, Set<EventListener> listeners, Set<EventRelay> relays) {
        this.json = json;
        this.jobs = jobs;
        this.listeners = byId(listeners);
        this.relays = List.copyOf(relays);
    }

    private static Map<String, EventListener> byId(Set<EventListener> listeners) {
        Map<String, EventListener> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (EventListener l : listeners) {
            String id = l.id();
            if (id == null || id.isBlank() || id.length() > 200) {
                problems.add("event listener " + l.getClass().getName() + " has the id '" + id
                        + "'; an id must have 1 to 200 characters");
            } else if (id.equals(l.getClass().getName()) && (l.getClass().isSynthetic() || l.getClass().isHidden())) {
                problems.add("event listener " + id + " is a lambda, whose class name changes between runs; pending deliveries"
                        + " name their listener, so implement EventListener in a named class or override id()");
            } else if (byId.putIfAbsent(id, l) != null) {
                problems.add("two event listeners have the id '" + id + "'; override EventListener.id() to tell them apart");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return byId;
    }

    /**
     * Stores the event and schedules its deliveries, in the caller's transaction; stores nothing
     * when no installed listener or relay accepts the type (it would have no reader).
     *
     * @return the event id
     */
    public String publish(Handle h, String tenantId, String actorId, Instant now, String type, String aggregateType,
                          String aggregateId, Object payload) {
        dev.oakit.core.Checks.text("eventType", type, 100);
        List<String> listening = listeners.isEmpty() ? List.of() : listenersOf(type);
        List<EventRelay> accepting = relays.isEmpty() ? List.of() : relaysOf(type);
        if (listening.isEmpty() && accepting.isEmpty() && (payload == null || OBJECT_PAYLOADS.containsKey(payload.getClass()))) {
            // nobody reads it: no JSON (its type was seen to give a JSON object before, so the check below holds)
            return newEventId();
        }
        JsonNode node = payload == null ? json.createObjectNode() : json.valueToTree(payload);
        if (!(node instanceof ObjectNode)) {
            throw ValidationException.of("payload", "an event payload must be a JSON object, was " + node.getNodeType());
        }
        if (payload != null && OBJECT_PAYLOADS.size() < 1_000) {
            OBJECT_PAYLOADS.put(payload.getClass(), Boolean.TRUE);
        }
        String eventId = newEventId();
        if (listening.isEmpty() && accepting.isEmpty()) {
            return eventId;
        }
        h.createUpdate("""
                INSERT INTO oa_core_outbox (event_id, tenant_id, event_type, aggregate_type, aggregate_id, actor_id, occurred_at, payload)
                VALUES (:e, :t, :type, :at, :aid, :actor, :now, :payload)""")
                .bind("e", eventId).bind("t", tenantId).bind("type", type).bind("at", aggregateType).bind("aid", aggregateId)
                .bind("actor", actorId).bind("now", InstantAsUtc.toDb(now)).bind("payload", node.toString()).execute();
        scheduleListeners(h, tenantId, eventId, listening, now);
        for (EventRelay relay : accepting) {
            jobs.insertDelivery(h, tenantId, JobRequest.of(RELAY_JOB, new EventRef(eventId, relay.id(), null)), eventId, now);
        }
        return eventId;
    }

    /** @return a new random (version 4) UUID, as {@link UUID#randomUUID()} gives, without the JVM-wide lock */
    static String newEventId() {
        IdBytes ids = IDS.get();
        byte[] b = ids.next();
        int o = ids.offset;
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[o + i] & 0xff);
            lo = (lo << 8) | (b[o + i + 8] & 0xff);
        }
        hi = (hi & ~0xf000L) | 0x4000L; // version 4
        lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
        return new UUID(hi, lo).toString();
    }

    /**
     * A thread's random bytes for event ids, drawn from its generator 32 ids at a time: each draw of a DRBG runs its
     * per-call state update (hashes) however few bytes it returns, which per 16-byte id cost more than the id itself.
     */
    static final class IdBytes {
        static final int IDS_PER_DRAW = 32;
        private final java.security.SecureRandom random;
        private final byte[] bytes = new byte[16 * IDS_PER_DRAW];
        /** where the current id's 16 bytes start */
        int offset = bytes.length;
        /** how many times the generator was asked for bytes */
        int draws;

        IdBytes(java.security.SecureRandom random) {
            this.random = random;
        }

        /** @return the buffer, with the next id's 16 unused bytes at {@link #offset} */
        byte[] next() {
            offset += 16;
            if (offset >= bytes.length) {
                random.nextBytes(bytes);
                draws++;
                offset = 0;
            }
            return bytes;
        }
    }

    /** @return the current thread's id bytes (for tests) */
    static IdBytes idBytes() {
        return IDS.get();
    }

    private static java.security.SecureRandom idGenerator() {
        try {
            return java.security.SecureRandom.getInstance("DRBG"); // seeded from the system's entropy, then its own state
        } catch (java.security.NoSuchAlgorithmException e) {
            return new java.security.SecureRandom();
        }
    }

    /** Schedules one delivery job per listener. */
    void scheduleListeners(Handle h, String tenantId, String eventId, List<String> listenerIds, Instant now) {
        for (String id : listenerIds) {
            jobs.insertDelivery(h, tenantId, JobRequest.of(LISTENER_JOB, new EventRef(eventId, null, id)), eventId, now);
        }
    }

    /** @return ids of the installed listeners that accept the type, in registration order */
    List<String> listenersOf(String type) {
        // every command's events pass here: a loop, not a stream (its pipeline costs more than the calls while not yet compiled)
        List<String> ids = null;
        for (Map.Entry<String, EventListener> e : listeners.entrySet()) {
            if (e.getValue().accepts(type)) {
                if (ids == null) {
                    ids = new ArrayList<>(listeners.size());
                }
                ids.add(e.getKey());
            }
        }
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** @return the installed relays that accept the type, in registration order */
    private List<EventRelay> relaysOf(String type) {
        List<EventRelay> accepting = null;
        for (EventRelay r : relays) {
            if (r.accepts(type)) {
                if (accepting == null) {
                    accepting = new ArrayList<>(relays.size());
                }
                accepting.add(r);
            }
        }
        return accepting == null ? List.of() : List.copyOf(accepting);
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
                .orElseThrow(() -> new NotFoundException(CoreErrors.EVENT_NOT_FOUND, "outbox event " + eventId + " does not exist"));
    }

    /** Lists events about one aggregate, oldest first. */
    public List<DomainEvent> forAggregate(Handle h, String tenantId, String aggregateType, String aggregateId) {
        return h.createQuery("SELECT event_id FROM oa_core_outbox WHERE tenant_id = :t AND aggregate_type = :at AND aggregate_id = :aid ORDER BY id")
                .bind("t", tenantId).bind("at", aggregateType).bind("aid", aggregateId).mapTo(String.class).list()
                .stream().map(id -> load(h, tenantId, id)).toList();
    }

    /**
     * Deletes events that occurred before {@code before} and have no delivery pending or dead, at
     * most {@code batch} rows per statement and {@code maxBatches} statements.
     *
     * @return rows deleted
     */
    public int purgeDelivered(Jdbi jdbi, Instant before, int batch, int maxBatches) {
        return BatchedDelete.run(jdbi, batch, maxBatches, h -> h.createQuery("""
                        SELECT o.id FROM oa_core_outbox o WHERE o.occurred_at < :before AND NOT EXISTS (
                            SELECT 1 FROM oa_core_job j WHERE j.event_id = o.event_id AND j.status IN ('READY', 'RUNNING', 'DEAD'))
                        ORDER BY o.occurred_at""")
                        .bind("before", InstantAsUtc.toDb(before)).setMaxRows(batch).mapTo(Long.class).list(),
                (h, ids) -> h.createUpdate("DELETE FROM oa_core_outbox WHERE id IN (<ids>)").bindList("ids", ids).execute());
    }

    EventListener listener(String id) {
        EventListener l = listeners.get(id);
        if (l == null) {
            throw new NotFoundException(CoreErrors.LISTENER_NOT_FOUND, "event listener '" + id
                    + "' is not installed on this node; install it (or give it its id back), then replay the job");
        }
        return l;
    }

    EventRelay relay(String id) {
        return relays.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new NotFoundException(
                CoreErrors.RELAY_NOT_FOUND, "event relay '" + id + "' is not installed on this node; install it or replay the job elsewhere"));
    }

    /** Job payload naming an event and the relay or the listener it goes to (neither in legacy listener jobs). */
    public record EventRef(String eventId, String relayId, String listenerId) {
    }
}
