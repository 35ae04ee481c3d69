package dev.oakit.crm.internal;

import dev.oakit.crm.CrmParty;
import dev.oakit.integration.spi.MultiRowInsert;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.oakit.crm.internal.Rows.db;

/** Every statement on {@code oa_crm_party}: the CRM's accounts and contacts as OAKit knows them. */
@jakarta.inject.Singleton
public final class PartyRepository {
    private static final String COLUMNS = "local_id, target, kind, external_id, party_key, account_id, name, email, phone, version";
    private static final String UPDATE = "UPDATE oa_crm_party SET external_id = :ext, account_id = :acc, name = :name, email = :email,"
            + " phone = :phone, version = :v, updated_at = :now WHERE tenant_id = :t AND local_id = :local AND version < :v";

    Optional<CrmParty> byLocalId(Handle h, String tenant, String localId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_party WHERE tenant_id = :t AND local_id = :id")
                .bind("t", tenant).bind("id", localId).map((rs, c) -> row(rs)).findOne();
    }

    Optional<CrmParty> byExternal(Handle h, String tenant, String target, CrmParty.Kind kind, String externalId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_party WHERE tenant_id = :t AND target = :target AND kind = :kind"
                        + " AND external_id = :id").bind("t", tenant).bind("target", target).bind("kind", kind.name()).bind("id", externalId)
                .map((rs, c) -> row(rs)).findOne();
    }

    Optional<CrmParty> byKey(Handle h, String tenant, String target, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_party WHERE tenant_id = :t AND target = :target AND party_key = :k")
                .bind("t", tenant).bind("target", target).bind("k", key).map((rs, c) -> row(rs)).findOne();
    }

    /** @return the contact of an e-mail address (compared as stored, lower case): the one with the lowest id when several */
    Optional<CrmParty> contactByEmail(Handle h, String tenant, String target, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_party WHERE tenant_id = :t AND target = :target AND kind = 'CONTACT'"
                        + " AND email = :e ORDER BY local_id").bind("t", tenant).bind("target", target).bind("e", email)
                .map((rs, c) -> row(rs)).findFirst();
    }

    /** @return the parties of these CRM ids of one kind, by CRM id; one statement */
    Map<String, CrmParty> byExternalIds(Handle h, String tenant, String target, CrmParty.Kind kind, Collection<String> externalIds) {
        Map<String, CrmParty> out = new HashMap<>();
        h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_party WHERE tenant_id = :t AND target = :target AND kind = :kind"
                        + " AND external_id IN (<ids>)").bind("t", tenant).bind("target", target).bind("kind", kind.name())
                .bindList("ids", List.copyOf(externalIds)).map((rs, c) -> row(rs)).forEach(p -> out.put(p.externalId(), p));
        return out;
    }

    /** @return the parties of these keys, by key; one statement */
    Map<String, CrmParty> byKeys(Handle h, String tenant, String target, Collection<String> keys) {
        Map<String, CrmParty> out = new HashMap<>();
        h.createQuery("SELECT " + COLUMNS + " FROM oa_crm_party WHERE tenant_id = :t AND target = :target AND party_key IN (<keys>)")
                .bind("t", tenant).bind("target", target).bindList("keys", List.copyOf(keys)).map((rs, c) -> row(rs))
                .forEach(p -> out.put(p.key(), p));
        return out;
    }

    /** Inserts parties in one multi-row statement; one there already (its CRM id or key) fails it as a duplicate key. */
    void insertAll(Handle h, String tenant, List<CrmParty> parties, Instant now) {
        MultiRowInsert insert = MultiRowInsert.into("oa_crm_party", "tenant_id", "local_id", "target", "kind", "external_id", "party_key",
                "account_id", "name", "email", "phone", "version", "updated_at");
        for (CrmParty p : parties) {
            insert.row(tenant, p.localId(), p.target(), p.kind().name(), p.externalId(), p.key(), p.accountId(), p.name(), p.email(), p.phone(),
                    p.version(), db(now));
        }
        insert.execute(h);
    }

    /** Applies newer versions in one batch (each only over an older stored one). @return how many were newer */
    int updateAll(Handle h, String tenant, List<CrmParty> parties, Instant now) {
        if (parties.isEmpty()) {
            return 0;
        }
        PreparedBatch batch = h.prepareBatch(UPDATE);
        for (CrmParty p : parties) {
            bindUpdate(batch, tenant, p, now).add();
        }
        int n = 0;
        for (int c : batch.execute()) {
            n += c == 0 ? 0 : 1;
        }
        return n;
    }

    void insert(Handle h, String tenant, CrmParty p, Instant now) {
        h.createUpdate("INSERT INTO oa_crm_party (tenant_id, " + COLUMNS + ", updated_at) VALUES (:t, :local, :target, :kind, :ext, :k,"
                        + " :acc, :name, :email, :phone, :v, :now)").bind("t", tenant).bind("local", p.localId()).bind("target", p.target())
                .bind("kind", p.kind().name()).bind("ext", p.externalId()).bind("k", p.key()).bind("acc", p.accountId()).bind("name", p.name())
                .bind("email", p.email()).bind("phone", p.phone()).bind("v", p.version()).bind("now", db(now)).execute();
    }

    /** Applies a newer version read from the CRM; @return false when the stored version is the same or newer */
    boolean update(Handle h, String tenant, CrmParty p, Instant now) {
        return bindUpdate(h.createUpdate(UPDATE), tenant, p, now).execute() == 1;
    }

    private static <S extends SqlStatement<S>> S bindUpdate(S s, String tenant, CrmParty p, Instant now) {
        return s.bind("t", tenant).bind("local", p.localId()).bind("ext", p.externalId()).bind("acc", p.accountId()).bind("name", p.name())
                .bind("email", p.email()).bind("phone", p.phone()).bind("v", p.version()).bind("now", db(now));
    }

    /** Records the CRM's id of a contact OAKit created, once the CRM confirmed it. */
    void confirm(Handle h, String tenant, String localId, String externalId, Instant now) {
        h.createUpdate("UPDATE oa_crm_party SET external_id = :ext, updated_at = :now WHERE tenant_id = :t AND local_id = :local"
                        + " AND external_id IS NULL").bind("t", tenant).bind("local", localId).bind("ext", externalId).bind("now", db(now)).execute();
    }

    private static CrmParty row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CrmParty(rs.getString(1), rs.getString(2), CrmParty.Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10));
    }
}
