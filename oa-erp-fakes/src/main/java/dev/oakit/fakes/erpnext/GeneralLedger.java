package dev.oakit.fakes.erpnext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GL Entries a submitted Journal Entry books (erpnext/accounts/general_ledger.py make_gl_entries): one per
 * accounting row, with its account, cost centre, debit and credit. Cancelling the entry marks them
 * {@code is_cancelled} and books the reversal, itself cancelled (make_reverse_gl_entries since v13), so the
 * ledger's sums over {@code is_cancelled = 0} no longer count it.
 */
final class GeneralLedger {
    private static final String GL = "GL Entry";
    private final FrappeStore store;

    GeneralLedger(FrappeStore store) {
        this.store = store;
    }

    @SuppressWarnings("unchecked")
    void post(String doctype, Map<String, Object> doc, int from, int to) {
        if (!doctype.equals("Journal Entry") || from == to) {
            return;
        }
        if (from == 0 && to == 1) {
            for (Map<String, Object> row : (List<Map<String, Object>>) doc.getOrDefault("accounts", List.of())) {
                book(doc, row.get("account"), row.get("cost_center"), row.get("debit_in_account_currency"),
                        row.get("credit_in_account_currency"), 0);
            }
        } else if (from == 1 && to == 2) {
            List<Map<String, Object>> booked = store.table(GL).values().stream()
                    .filter(e -> doc.get("name").equals(e.get("voucher_no")) && Integer.valueOf(0).equals(e.get("is_cancelled"))).toList();
            for (Map<String, Object> e : booked) {
                e.put("is_cancelled", 1);
                book(doc, e.get("account"), e.get("cost_center"), e.get("credit"), e.get("debit"), 1);
            }
        }
    }

    private void book(Map<String, Object> voucher, Object account, Object costCentre, Object debit, Object credit, int cancelled) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("posting_date", voucher.get("posting_date"));
        e.put("account", account);
        e.put("cost_center", costCentre);
        e.put("debit", ErpNextRules.num(debit));
        e.put("credit", ErpNextRules.num(credit));
        e.put("voucher_type", voucher.get("doctype"));
        e.put("voucher_no", voucher.get("name"));
        e.put("company", voucher.get("company"));
        e.put("is_cancelled", cancelled);
        e.put("docstatus", 1);
        store.insert(GL, e);
    }
}
