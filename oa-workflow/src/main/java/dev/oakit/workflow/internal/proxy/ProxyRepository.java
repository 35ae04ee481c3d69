package dev.oakit.workflow.internal.proxy;

import dev.oakit.workflow.OutOfOffice;
import dev.oakit.workflow.internal.store.Rows;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every statement on the proxy rules ({@code oa_wf_proxy}), absences ({@code oa_wf_absence}) and
 * handovers ({@code oa_wf_handover}). One statement also counts open tasks: the absent approvers
 * without a proxy.
 */
@Singleton
public final class ProxyRepository {
    @Inject
    private ProxyRepository() {
    }

    /** Inserts a proxy rule; returns its id. */
    public long insertRule(Handle h, String tenantId, OutOfOffice.ProxyRequest r, String keys, String by, Instant now) {
        return h.createUpdate("""
                        INSERT INTO oa_wf_proxy (tenant_id, user_id, proxy_id, starts_at, ends_at, process_keys, created_by, created_at)
                        VALUES (:t, :u, :p, :f, :e, :k, :by, :now)""")
                .bind("t", tenantId).bind("u", r.userId()).bind("p", r.proxyId())
                .bind("f", Rows.db(r.from())).bind("e", Rows.db(r.until())).bind("k", keys.isEmpty() ? null : keys)
                .bind("by", by).bind("now", Rows.db(now)).executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class).one();
    }

    /** @return the user of a rule of the tenant that is not revoked, if any */
    public Optional<String> ruleOwner(Handle h, String tenantId, long ruleId) {
        return h.createQuery("SELECT user_id FROM oa_wf_proxy WHERE id = :id AND tenant_id = :t AND revoked_at IS NULL")
                .bind("id", ruleId).bind("t", tenantId).mapTo(String.class).findOne();
    }

    /** Revokes a rule. */
    public void revoke(Handle h, long ruleId, Instant now) {
        h.createUpdate("UPDATE oa_wf_proxy SET revoked_at = :now WHERE id = :id").bind("now", Rows.db(now)).bind("id", ruleId).execute();
    }

    /** @return the rules of a user that are not revoked, newest first */
    public List<OutOfOffice.ProxyRule> rulesOf(Handle h, String tenantId, String userId) {
        return h.createQuery("""
                        SELECT id, user_id, proxy_id, starts_at, ends_at, process_keys FROM oa_wf_proxy
                        WHERE tenant_id = :t AND user_id = :u AND revoked_at IS NULL ORDER BY id DESC""")
                .bind("t", tenantId).bind("u", userId)
                .map((rs, x) -> new OutOfOffice.ProxyRule(rs.getLong("id"), rs.getString("user_id"), rs.getString("proxy_id"),
                        Rows.instant(rs, "starts_at"), Rows.instant(rs, "ends_at"), Proxies.keys(rs.getString("process_keys")), 0))
                .list();
    }

    /** @return the rules of a tenant not revoked that end after {@code since} (a rule's process keys are stored comma-separated) */
    public List<ProxyChain.Rule> rulesInForce(Handle h, String tenantId, Instant since) {
        return h.createQuery("""
                        SELECT id, user_id, proxy_id, starts_at, ends_at, process_keys FROM oa_wf_proxy
                        WHERE tenant_id = :t AND revoked_at IS NULL AND ends_at > :now""")
                .bind("t", tenantId).bind("now", Rows.db(since))
                .map((rs, x) -> new ProxyChain.Rule(rs.getLong("id"), rs.getString("user_id"), rs.getString("proxy_id"),
                        Rows.instant(rs, "starts_at"), Rows.instant(rs, "ends_at"), Proxies.keys(rs.getString("process_keys"))))
                .list();
    }

    /** @return the absences of a tenant that end after {@code since} */
    public List<Proxies.Absence> absencesInForce(Handle h, String tenantId, Instant since) {
        return h.createQuery("SELECT user_id, starts_at, ends_at FROM oa_wf_absence WHERE tenant_id = :t AND ends_at > :now")
                .bind("t", tenantId).bind("now", Rows.db(since))
                .map((rs, x) -> new Proxies.Absence(rs.getString("user_id"), Rows.instant(rs, "starts_at"), Rows.instant(rs, "ends_at")))
                .list();
    }

    /** Records an absence; returns its id. */
    public long insertAbsence(Handle h, String tenantId, String userId, Instant from, Instant until, String note, String by,
                              Instant now) {
        return h.createUpdate("""
                        INSERT INTO oa_wf_absence (tenant_id, user_id, starts_at, ends_at, note, created_by, created_at)
                        VALUES (:t, :u, :f, :e, :n, :by, :now)""")
                .bind("t", tenantId).bind("u", userId).bind("f", Rows.db(from)).bind("e", Rows.db(until)).bind("n", note)
                .bind("by", by).bind("now", Rows.db(now)).executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class).one();
    }

    /** Absences in force at {@code now} of users with no all-process proxy in force, with their open task counts. */
    public List<OutOfOffice.AbsentApprover> absentWithoutProxy(Handle h, String tenantId, Instant now) {
        return h.createQuery("""
                        SELECT a.user_id, MIN(a.starts_at) AS starts_at, MAX(a.ends_at) AS ends_at,
                            (SELECT COUNT(*) FROM oa_wf_task k WHERE k.tenant_id = a.tenant_id AND k.assignee_id = a.user_id
                                AND k.status = 'OPEN') AS open_tasks
                        FROM oa_wf_absence a
                        WHERE a.tenant_id = :t AND a.starts_at <= :now AND a.ends_at > :now
                        AND NOT EXISTS (SELECT 1 FROM oa_wf_proxy p WHERE p.tenant_id = a.tenant_id AND p.user_id = a.user_id
                            AND p.revoked_at IS NULL AND p.process_keys IS NULL AND p.starts_at <= :now AND p.ends_at > :now)
                        GROUP BY a.tenant_id, a.user_id ORDER BY a.user_id""")
                .bind("t", tenantId).bind("now", Rows.db(now))
                .map((rs, x) -> new OutOfOffice.AbsentApprover(rs.getString("user_id"), Rows.instant(rs, "starts_at"),
                        Rows.instant(rs, "ends_at"), rs.getLong("open_tasks")))
                .list();
    }

    /** Records that a user's work was handed over to a successor. */
    public void insertHandover(Handle h, String tenantId, String userId, String successorId, String by, Instant now) {
        h.createUpdate("""
                        INSERT INTO oa_wf_handover (tenant_id, user_id, successor_id, created_by, created_at)
                        VALUES (:t, :u, :s, :by, :now)""")
                .bind("t", tenantId).bind("u", userId).bind("s", successorId).bind("by", by)
                .bind("now", Rows.db(now)).execute();
    }

    /** @return true when {@code successorId} took over {@code userId}'s work */
    public boolean isSuccessor(Handle h, String tenantId, String successorId, String userId) {
        return h.createQuery("SELECT COUNT(*) FROM oa_wf_handover WHERE tenant_id = :t AND successor_id = :s AND user_id = :u")
                .bind("t", tenantId).bind("s", successorId).bind("u", userId).mapTo(Long.class).one() > 0;
    }
}
