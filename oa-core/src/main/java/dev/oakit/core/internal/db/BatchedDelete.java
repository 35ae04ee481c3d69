package dev.oakit.core.internal.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Deletes in bounded batches, each select-and-delete in auto-commit mode (so one short
 * transaction per statement): portable where {@code DELETE … LIMIT} is not (PostgreSQL).
 */
public final class BatchedDelete {
    private BatchedDelete() {
    }

    /**
     * @param select the keys of the next batch (at most {@code batch} of them)
     * @param delete deletes the rows with these keys (still matching the condition); returns how many
     * @param maxBatches the most batches in this call; what is left waits for the next
     * @return rows deleted
     */
    public static <K> int run(Jdbi jdbi, int batch, int maxBatches, Function<Handle, List<K>> select,
                              BiFunction<Handle, List<K>, Integer> delete) {
        return jdbi.withHandle(h -> {
            int total = 0;
            for (int i = 0; i < maxBatches; i++) {
                List<K> keys = select.apply(h);
                if (keys.isEmpty()) {
                    break;
                }
                total += delete.apply(h, keys);
                if (keys.size() < batch) {
                    break;
                }
            }
            return total;
        });
    }
}
