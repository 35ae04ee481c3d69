package dev.oakit.core.internal.directory;

import dev.oakit.core.CoreConfig;
import dev.oakit.core.internal.db.Transactions;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The directory cache and the one place of its rules: every cached read of the default provider
 * goes through {@link #read}, every directory command through {@link #execute}.
 *
 * <ul>
 *   <li>A command forgets every cached answer as it begins, as it returns or fails, and once its
 *       outermost transaction committed (a command nested in another one commits with it, later
 *       than it returns). Answers carry the generation they were loaded under, so a reader that
 *       loaded one while a command ran does not keep it ({@link ReadCache}).</li>
 *   <li>A transaction that wrote the directory reads around the cache for the rest of it: it sees
 *       its own uncommitted rows, which must not be cached. So does everything inside a host's
 *       transaction, which may hold uncommitted directory rows of the host's.</li>
 * </ul>
 */
@Singleton
final class DirectoryCache {
    /** Marks a transaction that wrote the directory: its reads see its own uncommitted rows and bypass the cache. */
    private static final String DIRECTORY_WRITTEN = "directory-written";

    private final Commands commands;
    private final Transactions transactions;
    private final ReadCache cache;

    @Inject
    DirectoryCache(Commands commands, CoreConfig config, Transactions transactions) {
        this.commands = commands;
        this.transactions = transactions;
        this.cache = new ReadCache(config.directoryCache().ttl(), config.directoryCache().maxEntries());
    }

    /**
     * A cached answer, except in a transaction that wrote the directory and in a host's
     * transaction: those read the tables, and what they read is not kept.
     */
    <T> T read(Supplier<T> load, Object... key) {
        var tx = transactions.current();
        if ((tx != null && tx.marked(DIRECTORY_WRITTEN)) || transactions.hostTransactionBound()) {
            return load.get();
        }
        return cache.get(load, key);
    }

    /** Runs a directory command through {@link Commands}, forgetting cached answers as described above. */
    <T> T execute(CommandSpec spec, Class<T> type, Function<CommandContext, T> body) {
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
            tx.mark(DIRECTORY_WRITTEN);
        }
        ctx.afterCommit(cache::invalidate);
    }
}
