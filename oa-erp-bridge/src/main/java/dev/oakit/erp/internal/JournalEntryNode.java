package dev.oakit.erp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.ValidationException;
import dev.oakit.erp.ExpenseClaim;
import dev.oakit.erp.JournalEntry;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The expense claim's post node: requests one journal entry, keyed {@code OA-<tenant>-EX-<instance>}:
 * each claim line debits the expense account (on the cost centre), the total credits the payable account.
 */
@Singleton
public final class JournalEntryNode implements ServiceTaskHandler {
    private final DocumentRequests requests;

    @Inject
    public JournalEntryNode(DocumentRequests requests) {
        this.requests = requests;
    }

    @Override
    public String id() {
        return ExpenseClaim.POST_HANDLER;
    }

    @Override
    public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form, JsonNode params) {
        requests.request(tenantId, instanceId, "erp.claim.post", ErpConnector.JOURNAL_ENTRY,
                round -> "OA-" + tenantId + "-EX-" + instanceId + (round > 1 ? "-R" + round : ""), entry(form));
        return Map.of();
    }

    static JournalEntry entry(Map<String, Object> form) {
        String expense = String.valueOf(form.get("expenseAccount"));
        String costCentre = form.get("costCentre") == null ? null : String.valueOf(form.get("costCentre"));
        List<JournalEntry.Line> lines = new ArrayList<>();
        List<String> what = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        if (form.get("lines") instanceof List<?> rows) {
            for (Object o : rows) {
                if (o instanceof Map<?, ?> row) {
                    BigDecimal amount;
                    try {
                        amount = new BigDecimal(String.valueOf(row.get("amount")));
                    } catch (NumberFormatException e) {
                        throw ValidationException.of("lines.amount", "must be a number, was '" + row.get("amount") + "'");
                    }
                    lines.add(new JournalEntry.Line(expense, amount, BigDecimal.ZERO, costCentre));
                    what.add(String.valueOf(row.get("description")));
                    total = total.add(amount);
                }
            }
        }
        lines.add(new JournalEntry.Line(String.valueOf(form.get("payableAccount")), BigDecimal.ZERO, total, null));
        String remark = String.join("; ", what);
        return new JournalEntry(remark.length() > 500 ? remark.substring(0, 500) : remark, null, lines);
    }
}
