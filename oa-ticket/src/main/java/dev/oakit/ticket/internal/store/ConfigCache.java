package dev.oakit.ticket.internal.store;

import dev.oakit.ticket.TicketConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The read-through cache of a tenant's ticket configuration, which every create reads: types, categories, queues and
 * their dispatchers, dispatch rules, SLA policies. The repositories owning those tables read through {@link #get} and
 * call {@link #changed} in each of their writes; this class is the one place of the rules:
 *
 * <ul>
 *   <li>A write forgets every answer at once, and again when its transaction commits or rolls back. While a write's
 *       transaction is open nothing loaded is kept (it may be that transaction's own uncommitted row; a host's
 *       transaction counts as open for at most the TTL), and answers
 *       carry the generation they were loaded under, so one loaded while a write began is not kept either.</li>
 *   <li>An answer is reused for at most the TTL ({@code ticket.configCacheTtl}, default {@link #TTL}): a change made on
 *       another node is seen there within it (as oa-core's directory cache does with its TTL).</li>
 * </ul>
 */
@Singleton
public final class ConfigCache {
    /** How long an answer is reused at most by default; another node's change is seen within it. */
    public static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Object value, long generation, long expiresAt) {
    }

    private final AtomicLong generation = new AtomicLong();
    /** The writes whose transaction has not ended yet, each with the instant (nanoTime) after which it no longer counts. */
    private final ConcurrentHashMap<Object, Long> writing = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<Object>, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    @Inject
    public ConfigCache(TicketConfig config) {
        this.ttlNanos = config.configCacheTtl().toNanos();
    }

    /** @return the cached answer for the key, or the loaded one (kept unless a write happened meanwhile) */
    @SuppressWarnings("unchecked")
    <T> T get(Supplier<T> load, Object... key) {
        List<Object> k = List.of(key);
        long gen = generation.get();
        long now = System.nanoTime();
        Entry e = entries.get(k);
        if (e != null && e.generation == gen && e.expiresAt - now > 0) {
            return (T) e.value;
        }
        T value = load.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        if (generation.get() == gen && noWriteOpen(now)) {
            entries.put(k, new Entry(value, gen, now + ttlNanos));
        }
        return value;
    }

    /**
     * A repository wrote a cached table in {@code h}'s transaction: forget now and once the transaction ends. Inside a
     * host's transaction, which OAKit does not commit itself, the end is not seen: the write then counts as open for
     * the {@link #TTL}, and another answer loaded meanwhile lives at most the TTL, as another node's would.
     */
    void changed(Handle h) {
        Object write = new Object();
        writing.put(write, System.nanoTime() + ttlNanos);
        invalidate();
        Runnable ended = () -> {
            writing.remove(write);
            invalidate();
        };
        h.afterCommit(ended);
        h.afterRollback(ended);
    }

    private boolean noWriteOpen(long now) {
        if (writing.isEmpty()) {
            return true;
        }
        writing.values().removeIf(until -> until - now <= 0);
        return writing.isEmpty();
    }

    private void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
