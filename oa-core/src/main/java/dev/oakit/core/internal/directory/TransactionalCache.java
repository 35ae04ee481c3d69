package dev.oakit.core.internal.directory;

import dev.oakit.core.internal.db.Transactions;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link ReadCache} with the rules that keep it true to the transactions around it, for the directory and for
 * notification preferences alike: every cached read goes through {@link #read} or {@link #getAll}, every command that
 * writes the cached tables through {@link #execute}.
 *
 * <ul>
 *   <li>A command forgets every cached answer as it begins, as it returns or fails, and once its
 *       outermost transaction committed (a command nested in another one commits with it, later
 *       than it returns). Answers carry the generation they were loaded under, so a reader that
 *       loaded one while a command ran does not keep it ({@link ReadCache}).</li>
 *   <li>A transaction that wrote the cached tables reads around the cache for the rest of it: it sees
 *       its own uncommitted rows, which must not be cached. So does everything inside a host's
 *       transaction, which may hold uncommitted rows of the host's.</li>
 * </ul>
 */
public final class TransactionalCache {
    private final Commands commands;
    private final Transactions transactions;
    private final ReadCache cache;
    /** Marks a transaction that wrote the cached tables: its reads see its own uncommitted rows and bypass the cache. */
    private final String writtenMark;

    /** @param name what the cache holds ("directory", "notification preferences"), naming its transaction mark */
    public TransactionalCache(Commands commands, Transactions transactions, Duration ttl, int maxEntries, String name) {
        this.commands = commands;
        this.transactions = transactions;
        this.cache = new ReadCache(ttl, maxEntries);
        this.writtenMark = name + "-written";
    }

    /** A cached answer, except where {@link #bypassed()}: there it reads the tables, and what it reads is not kept. */
    public <T> T read(Supplier<T> load, Object... key) {
        return bypassed() ? load.get() : cache.get(load, key);
    }

    /** Many answers of one kind as {@link ReadCache#getAll} gives them, except where {@link #bypassed()}. */
    public <K, V> Map<K, V> getAll(String kind, Collection<K> keys, V absent, Function<List<K>, Map<K, V>> loadMissing) {
        if (!bypassed()) {
            return cache.getAll(kind, keys, absent, loadMissing);
        }
        Map<K, V> loaded = keys.isEmpty() ? Map.of() : loadMissing.apply(List.copyOf(keys));
        Map<K, V> out = new HashMap<>();
        for (K key : keys) {
            out.put(key, loaded.getOrDefault(key, absent));
        }
        return out;
    }

    /** @return whether this thread's transaction wrote the cached tables, or is a host's transaction */
    private boolean bypassed() {
        var tx = transactions.current();
        return (tx != null && tx.marked(writtenMark)) || transactions.hostTransactionBound();
    }

    /** Runs a command that writes the cached tables through {@link Commands}, forgetting answers as described above. */
    public <T> T execute(CommandSpec spec, Class<T> type, Function<CommandContext, T> body) {
        try {
            return commands.execute(spec, type, ctx -> {
                writing(ctx);
                return body.apply(ctx);
            });
        } finally {
            cache.invalidate();
        }
    }

    private void writing(CommandContext ctx) {
        cache.invalidate();
        var tx = transactions.current();
        if (tx != null) {
            tx.mark(writtenMark);
        }
        ctx.afterCommit(cache::invalidate);
    }
}
