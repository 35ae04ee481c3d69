package dev.oakit.fakes.odoo;

import java.util.List;
import java.util.Map;

/**
 * Journal entries as addons/account/models/account_move.py (Odoo 17) keeps them: a new {@code account.move} is a
 * draft journal entry named {@code /} in the first Miscellaneous journal; its lines' debits and credits are rounded
 * to the currency (2 places) and must balance on every create and write ({@code _check_balanced}, a
 * {@code UserError}); {@code action_post} numbers it {@code <journal code>/<year>/<month>/0001} and posts it;
 * {@code button_cancel} and {@code button_draft} move the state as Odoo does.
 */
final class OdooMoves {
    static final String MOVE = "account.move";
    static final String LINE = "account.move.line";

    private final OdooOrm orm;

    OdooMoves(OdooOrm orm) {
        this.orm = orm;
    }

    void defaults(Map<String, Object> move) {
        move.put("state", "draft");
        move.put("move_type", "entry");
        move.put("name", "/");
        move.put("date", orm.now().substring(0, 10));
        orm.rows("account.journal").stream().filter(j -> "general".equals(j.get("type")) && !Boolean.FALSE.equals(j.get("active")))
                .sorted(OdooDomain.order(orm.model("account.journal"), "sequence, type, code"))
                .findFirst().ifPresent(j -> move.put("journal_id", j.get("id")));
    }

    void journalDefaults(Map<String, Object> journal) {
        journal.put("active", true);
        journal.put("sequence", 10L);
    }

    /** Monetary fields are rounded to the currency when they are set (fields.Monetary.convert_to_cache). */
    void lineDefaults(Map<String, Object> line) {
        line.put("debit", round(num(line.get("debit"))));
        line.put("credit", round(num(line.get("credit"))));
    }

    void recomputeLine(Map<String, Object> line) {
        line.put("balance", round(num(line.get("debit")) - num(line.get("credit"))));
        Map<String, Object> move = orm.rowOrNull(MOVE, line.get("move_id"));
        if (move != null) {
            line.put("move_name", move.get("name"));
            line.put("date", move.get("date"));
        }
    }

    void recomputeMove(Map<String, Object> move) {
        move.put("amount_total", round(lines(move).stream().mapToDouble(l -> num(l.get("debit"))).sum()));
        lines(move).forEach(l -> {
            orm.undoable(LINE, l).put("move_name", move.get("name"));
            l.put("date", move.get("date"));
        });
    }

    /** {@code _check_balanced}: run after every create and write of entries. */
    void checkBalanced(Map<String, Object> move) {
        List<Map<String, Object>> lines = lines(move);
        if (lines.isEmpty()) {
            return;
        }
        double diff = round(lines.stream().mapToDouble(l -> num(l.get("debit")) - num(l.get("credit"))).sum());
        if (diff != 0.0) {
            throw OdooError.userError("Cannot create unbalanced journal entry. Ids: [" + move.get("id") + "]\nDifferences debit - credit: ["
                    + diff + "]");
        }
    }

    /** {@code action_post} ({@code _post(soft=False)}); returns False. */
    boolean actionPost(List<Long> ids) {
        for (Map<String, Object> move : orm.rows(MOVE, ids)) {
            if (!"draft".equals(move.get("state"))) {
                throw OdooError.userError("The entry " + move.get("name") + " (id " + move.get("id") + ") is already posted.");
            }
            List<Map<String, Object>> lines = lines(move);
            if (lines.isEmpty()) {
                throw OdooError.userError("You need to add a line before posting.");
            }
            for (Map<String, Object> l : lines) {
                Map<String, Object> account = orm.rowOrNull("account.account", l.get("account_id"));
                if (account != null && Boolean.TRUE.equals(account.get("deprecated"))) {
                    throw OdooError.userError("A line of this move is using a deprecated account, you cannot post it.");
                }
            }
            checkBalanced(move);
            Map<String, Object> row = orm.changing(MOVE, move);
            if (row.get("name") == null || "/".equals(row.get("name"))) {
                row.put("name", nextName(row));
            }
            row.put("state", "posted");
            row.put("posted_before", true);
            recomputeMove(row);
        }
        return false;
    }

    /** {@code button_cancel}: a posted entry is reset to draft first; only drafts can be cancelled. */
    void buttonCancel(List<Long> ids) {
        List<Map<String, Object>> moves = orm.rows(MOVE, ids);
        for (Map<String, Object> move : moves) {
            if ("posted".equals(move.get("state"))) {
                orm.changing(MOVE, move).put("state", "draft");
            }
        }
        if (moves.stream().anyMatch(m -> !"draft".equals(m.get("state")))) {
            throw OdooError.userError("Only draft journal entries can be cancelled.");
        }
        moves.forEach(m -> orm.changing(MOVE, m).put("state", "cancel"));
    }

    /** {@code button_draft}: a posted or cancelled entry back to draft. */
    void buttonDraft(List<Long> ids) {
        List<Map<String, Object>> moves = orm.rows(MOVE, ids);
        if (moves.stream().anyMatch(m -> !List.of("posted", "cancel").contains(m.get("state")))) {
            throw OdooError.userError("Only posted/cancelled journal entries can be reset to draft.");
        }
        moves.forEach(m -> orm.changing(MOVE, m).put("state", "draft"));
    }

    /** An entry once posted cannot be deleted ({@code _unlink_forbid_parts_of_chain}). */
    void checkUnlink(List<Map<String, Object>> moves) {
        if (moves.stream().anyMatch(m -> Boolean.TRUE.equals(m.get("posted_before")))) {
            throw OdooError.userError("You cannot delete an entry which has been posted once.");
        }
    }

    /** The sequence mixin's next number: the highest of the journal's month plus one. */
    private String nextName(Map<String, Object> move) {
        Map<String, Object> journal = orm.rowOrNull("account.journal", move.get("journal_id"));
        String date = String.valueOf(move.get("date"));
        String prefix = (journal == null ? "MISC" : journal.get("code")) + "/" + date.substring(0, 4) + "/" + date.substring(5, 7) + "/";
        int last = orm.rows(MOVE).stream().map(m -> String.valueOf(m.get("name"))).filter(n -> n.startsWith(prefix))
                .mapToInt(n -> Integer.parseInt(n.substring(prefix.length()))).max().orElse(0);
        return prefix + String.format("%04d", last + 1);
    }

    private List<Map<String, Object>> lines(Map<String, Object> move) {
        return orm.rows(LINE).stream().filter(l -> move.get("id") != null && move.get("id").equals(l.get("move_id"))).toList();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
