package dev.oakit.integration.internal.target;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Every statement on {@code oa_int_budget}: one row per tenant, target and window, counting the calls
 * all nodes made in it. Taking a permit is one conditional {@code UPDATE}; the window's first call also
 * inserts its row (and drops the target's older windows).
 * Not final: a test stands between its statements to play another node.
 */
@Singleton
public class BudgetRepository {
    /** @return whether a permit was taken; false when the window is full or has no row yet */
    public boolean take(Handle h, String tenant, String target, long window, int limit) {
        return h.createUpdate("UPDATE oa_int_budget SET used = used + 1 WHERE tenant_id = :t AND target = :g AND window_start = :w"
                        + " AND used < :limit")
                .bind("t", tenant).bind("g", target).bind("w", window).bind("limit", limit).execute() == 1;
    }

    /** @return the calls counted in a window, if it has a row */
    public Optional<Integer> used(Handle h, String tenant, String target, long window) {
        return h.createQuery("SELECT used FROM oa_int_budget WHERE tenant_id = :t AND target = :g AND window_start = :w")
                .bind("t", tenant).bind("g", target).bind("w", window).mapTo(Integer.class).findOne();
    }

    /** Opens a window with its first call counted, dropping the target's older windows; a concurrent opener makes this a duplicate key. */
    public void open(Handle h, String tenant, String target, long window) {
        h.createUpdate("DELETE FROM oa_int_budget WHERE tenant_id = :t AND target = :g AND window_start < :w")
                .bind("t", tenant).bind("g", target).bind("w", window).execute();
        h.createUpdate("INSERT INTO oa_int_budget (tenant_id, target, window_start, used) VALUES (:t, :g, :w, 1)")
                .bind("t", tenant).bind("g", target).bind("w", window).execute();
    }
}
