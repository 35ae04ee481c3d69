package dev.oakit.integration.amqp.internal;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Owns {@code oa_int_amqp_relay} (events staged for the broker) and {@code oa_int_amqp_relay_lease} (one publisher per tenant). */
public final class RelayRepository {
    /** One staged event. */
    public record Staged(long id, String eventId, String type, String body) {
    }

    static LocalDateTime db(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** Stages an event once: a second delivery of it changes nothing. @return whether it was new */
    public boolean stage(Handle h, String tenant, String eventId, String type, String body, Instant occurredAt, Instant now) {
        boolean seen = h.createQuery("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE tenant_id = :t AND event_id = :e")
                .bind("t", tenant).bind("e", eventId).mapTo(Integer.class).one() > 0;
        if (seen) {
            return false;
        }
        h.createUpdate("INSERT INTO oa_int_amqp_relay (tenant_id, event_id, event_type, body, occurred_at, staged_at) VALUES (:t, :e, :type, :b, :at, :now)")
                .bind("t", tenant).bind("e", eventId).bind("type", type).bind("b", body).bind("at", db(occurredAt)).bind("now", db(now)).execute();
        return true;
    }

    /** @return the oldest unpublished events of the tenant: in the order they occurred, then in staging order */
    public List<Staged> pending(Handle h, String tenant, int max) {
        return h.createQuery("SELECT id, event_id, event_type, body FROM oa_int_amqp_relay WHERE tenant_id = :t AND published_at IS NULL ORDER BY occurred_at, id")
                .bind("t", tenant).setMaxRows(max)
                .map((rs, ctx) -> new Staged(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("body")))
                .list();
    }

    /** @return how many events of the tenant wait */
    public int pendingCount(Handle h, String tenant) {
        return h.createQuery("SELECT COUNT(*) FROM oa_int_amqp_relay WHERE tenant_id = :t AND published_at IS NULL").bind("t", tenant)
                .mapTo(Integer.class).one();
    }

    /**
     * Takes the tenant's publisher lease when it is free or expired.
     *
     * @return the new fencing token, or empty when another publisher holds it
     */
    public Optional<Long> takeLease(Handle h, String tenant, String owner, Instant now, Instant until) {
        Optional<Long> fence = h.createQuery("SELECT fence FROM oa_int_amqp_relay_lease WHERE tenant_id = :t").bind("t", tenant)
                .mapTo(Long.class).findFirst();
        if (fence.isEmpty()) {
            h.createUpdate("INSERT INTO oa_int_amqp_relay_lease (tenant_id, owner_id, fence, expires_at) VALUES (:t, :o, 1, :u)")
                    .bind("t", tenant).bind("o", owner).bind("u", db(until)).execute();
            return Optional.of(1L);
        }
        int taken = h.createUpdate("""
                UPDATE oa_int_amqp_relay_lease SET owner_id = :o, fence = fence + 1, expires_at = :u
                WHERE tenant_id = :t AND fence = :f AND (expires_at IS NULL OR expires_at < :now)""")
                .bind("o", owner).bind("u", db(until)).bind("t", tenant).bind("f", fence.get()).bind("now", db(now)).execute();
        return taken == 1 ? Optional.of(fence.get() + 1) : Optional.empty();
    }

    /** Extends the lease if it is still ours. @return whether it was */
    public boolean renew(Handle h, String tenant, long fence, Instant until) {
        return h.createUpdate("UPDATE oa_int_amqp_relay_lease SET expires_at = :u WHERE tenant_id = :t AND fence = :f")
                .bind("u", db(until)).bind("t", tenant).bind("f", fence).execute() == 1;
    }

    /** Marks events published, in the caller's transaction (after {@link #renew} proved the lease ours). */
    public void published(Handle h, List<Long> ids, Instant now) {
        h.createUpdate("UPDATE oa_int_amqp_relay SET published_at = :now WHERE id IN (<ids>)").bindList("ids", ids).bind("now", db(now)).execute();
    }

    /**
     * Deletes at most {@code max} of the tenant's events published before {@code before}: once gone, a late
     * second delivery of one by core would be published again (receivers de-duplicate by message id).
     *
     * @return rows deleted
     */
    public int purge(Handle h, String tenant, Instant before, int max) {
        List<Long> ids = h.createQuery("SELECT id FROM oa_int_amqp_relay WHERE tenant_id = :t AND published_at < :b ORDER BY published_at")
                .bind("t", tenant).bind("b", db(before)).setMaxRows(max).mapTo(Long.class).list();
        return ids.isEmpty() ? 0 : h.createUpdate("DELETE FROM oa_int_amqp_relay WHERE id IN (<ids>)").bindList("ids", ids).execute();
    }

    /** Lets the lease go if it is still ours. */
    public void release(Handle h, String tenant, long fence) {
        h.createUpdate("UPDATE oa_int_amqp_relay_lease SET owner_id = NULL, expires_at = NULL WHERE tenant_id = :t AND fence = :f")
                .bind("t", tenant).bind("f", fence).execute();
    }
}
