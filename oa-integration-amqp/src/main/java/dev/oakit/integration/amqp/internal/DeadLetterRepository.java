package dev.oakit.integration.amqp.internal;

import dev.oakit.integration.amqp.BrokerDeadLetter;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Owns {@code oa_int_amqp_dead}: messages from queues that could not become inbound events. */
public final class DeadLetterRepository {
    /** Keeps a refused message. */
    public void insert(Handle h, String tenant, String queue, String messageId, String body, String error, Instant now) {
        h.createUpdate("""
                INSERT INTO oa_int_amqp_dead (tenant_id, queue_name, message_id, body, error, created_at)
                VALUES (:t, :q, :m, :b, :e, :now)""")
                .bind("t", tenant).bind("q", queue).bind("m", cut(messageId, 191)).bind("b", body).bind("e", cut(error, 4000))
                .bind("now", RelayRepository.db(now)).execute();
    }

    /** @return the newest dead letters of the tenant, of one queue or all (null) */
    public List<BrokerDeadLetter> list(Handle h, String tenant, String queue, int limit) {
        return h.createQuery("SELECT * FROM oa_int_amqp_dead WHERE tenant_id = :t" + (queue == null ? "" : " AND queue_name = :q")
                        + " ORDER BY id DESC")
                .bind("t", tenant).bind("q", queue).setMaxRows(limit)
                .map((rs, ctx) -> new BrokerDeadLetter(rs.getLong("id"), rs.getString("queue_name"), rs.getString("message_id"),
                        rs.getString("body"), rs.getString("error"),
                        instant(rs.getObject("created_at", LocalDateTime.class)), instant(rs.getObject("replayed_at", LocalDateTime.class))))
                .list();
    }

    /** @return the tenant's dead letters with these ids */
    public List<BrokerDeadLetter> byIds(Handle h, String tenant, List<Long> ids) {
        return h.createQuery("SELECT * FROM oa_int_amqp_dead WHERE tenant_id = :t AND id IN (<ids>) ORDER BY id").bind("t", tenant)
                .bindList("ids", ids)
                .map((rs, ctx) -> new BrokerDeadLetter(rs.getLong("id"), rs.getString("queue_name"), rs.getString("message_id"),
                        rs.getString("body"), rs.getString("error"),
                        instant(rs.getObject("created_at", LocalDateTime.class)), instant(rs.getObject("replayed_at", LocalDateTime.class))))
                .list();
    }

    /** Records that a dead letter went back into its queue. */
    public void replayed(Handle h, String tenant, long id, Instant now) {
        h.createUpdate("UPDATE oa_int_amqp_dead SET replayed_at = :now WHERE tenant_id = :t AND id = :id")
                .bind("now", RelayRepository.db(now)).bind("t", tenant).bind("id", id).execute();
    }

    /** Deletes the tenant's dead letters created before {@code before}: replayed ones, and the others too when asked. @return how many */
    public int purge(Handle h, String tenant, Instant before, boolean unresolvedToo) {
        return h.createUpdate("DELETE FROM oa_int_amqp_dead WHERE tenant_id = :t AND created_at < :b"
                        + (unresolvedToo ? "" : " AND replayed_at IS NOT NULL"))
                .bind("t", tenant).bind("b", RelayRepository.db(before)).execute();
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
