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
 * The directory cache: every cached read of the default provider goes through {@link #read}, every directory command
 * through {@link #execute}, with the rules of a {@link TransactionalCache} (the one place of them).
 */
@Singleton
final class DirectoryCache {
    private final TransactionalCache cache;

    @Inject
    private DirectoryCache(Commands commands, CoreConfig config, Transactions transactions) {
        this.cache = new TransactionalCache(commands, transactions, config.directoryCache().ttl(),
                config.directoryCache().maxEntries(), "directory");
    }

    /** A cached answer, except in a transaction that wrote the directory and in a host's transaction. */
    <T> T read(Supplier<T> load, Object... key) {
        return cache.read(load, key);
    }

    /** Runs a directory command through {@link Commands}, forgetting cached answers. */
    <T> T execute(CommandSpec spec, Class<T> type, Function<CommandContext, T> body) {
        return cache.execute(spec, type, body);
    }
}
