package dev.oakit.erp.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.erp.JournalEntry;
import dev.oakit.erp.spi.CallBudget;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.AbstractRemoteCreate;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ErpConnector#JOURNAL_ENTRY} for Odoo: an {@code account.move} of type {@code entry} in the first
 * Miscellaneous ({@code general}) journal whose {@code ref} is OAKit's key, found again by {@code search_read} on
 * {@code ref}, then posted with {@code action_post}. {@code ref} is not unique in Odoo: when a replayed request
 * created two entries, the first one stays and the other drafts are deleted, so the key ends with exactly one
 * posted entry. Each line's account is the {@code account.account} with that code (or name), its cost centre the
 * {@code account.analytic.account} of that name (as an analytic distribution of 100%).
 */
final class OdooJournalEntries extends AbstractRemoteCreate<JournalEntry> {
    static final String MOVE = "account.move";

    private final OdooRpc rpc;
    private final String target;

    OdooJournalEntries(OdooRpc rpc, String target) {
        super(ErpConnector.JOURNAL_ENTRY, JournalEntry.class);
        this.rpc = rpc;
        this.target = target;
    }

    @Override
    public Optional<String> find(CallContext call, String key) throws RemoteCallException {
        return settle(CallBudget.of(call), key);
    }

    @Override
    public String create(CallContext call, String key, JournalEntry entry) throws RemoteCallException {
        CallBudget budget = CallBudget.of(call);
        Map<Object, Long> ids = new LinkedHashMap<>();
        List<Object> lines = new ArrayList<>();
        for (JournalEntry.Line l : entry.lines()) {
            Long account = ids.get(l.account());
            if (account == null) {
                account = one(budget.next(), "account.account", List.of("|", List.of("code", "=", l.account()),
                        List.of("name", "=", l.account())), "account", l.account());
                ids.put(l.account(), account);
            }
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("account_id", account);
            vals.put("name", entry.remark() != null ? entry.remark() : key);
            vals.put("debit", l.debit());
            vals.put("credit", l.credit());
            if (l.costCentre() != null) {
                long analytic = one(budget.next(), "account.analytic.account", List.of(List.of("name", "=", l.costCentre())),
                        "analytic account (cost centre)", l.costCentre());
                vals.put("analytic_distribution", Map.of(String.valueOf(analytic), 100));
            }
            lines.add(List.of(0, 0, vals));
        }
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("move_type", "entry");
        vals.put("journal_id", one(budget.next(), "account.journal", List.of(List.of("type", "=", "general")),
                "Miscellaneous journal", "type general"));
        vals.put("ref", key);
        if (entry.postingDate() != null) {
            vals.put("date", entry.postingDate().toString());
        }
        if (entry.remark() != null) {
            vals.put("narration", entry.remark());
        }
        vals.put("line_ids", lines);
        rpc.execute(budget.next(), MOVE, "create", List.of(vals), Map.of());
        return settle(budget, key).orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.AMBIGUOUS,
                target + ": the journal entry just created with ref '" + key + "' is not found"));
    }

    /** Finds the entry of a key and posts it: the first one stays, later drafts a replayed request created are deleted. */
    private Optional<String> settle(CallBudget budget, String key) throws RemoteCallException {
        JsonNode rows = rpc.execute(budget.next(), MOVE, "search_read", List.of(List.of(List.of("ref", "=", key))),
                Map.of("fields", List.of("id", "name", "state"), "order", "id asc"));
        if (!rows.isArray() || rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode keep = rows.get(0);
        List<Long> extras = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).path("state").asText().equals("draft")) {
                extras.add(rows.get(i).path("id").asLong());
            }
        }
        if (!extras.isEmpty()) {
            rpc.execute(budget.next(), MOVE, "unlink", List.of(extras), Map.of());
        }
        if (keep.path("state").asText().equals("draft")) {
            rpc.execute(budget.next(), MOVE, "action_post", List.of(List.of(keep.path("id").asLong())), Map.of());
        }
        return Optional.of(keep.path("id").asText());
    }

    private long one(CallContext call, String model, List<?> domain, String what, String name) throws RemoteCallException {
        return rpc.first(call, model, domain, null).orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.PERMANENT,
                target + ": Odoo has no " + what + " '" + name + "' (" + model + "); create it in Odoo or correct the claim"));
    }
}
