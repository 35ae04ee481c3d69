package dev.oakit.core.internal.directory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A small read-through cache for directory answers (manager, department head, role members),
 * which approval routing asks on every start and step. An answer is reused for at most the TTL,
 * and never after a directory command of this JVM began or ended: every write bumps a generation,
 * and an answer loaded under an older generation is a miss. Another node's writes are seen at the
 * latest after the TTL. A zero TTL turns caching off. Used through {@link TransactionalCache}, which adds the rules
 * for transactions.
 */
final class ReadCache {
    private record Entry(Object value, long generation, long expiresAt) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<List<Object>, Entry> entries = new ConcurrentHashMap<>();

    ReadCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** @return the cached answer for the key, or the loaded one (cached when no write happened meanwhile) */
    @SuppressWarnings("unchecked")
    <T> T get(Supplier<T> load, Object... key) {
        if (ttlNanos <= 0) {
            return load.get();
        }
        List<Object> k = List.of(key);
        long gen = generation.get();
        long now = System.nanoTime();
        Entry e = entries.get(k);
        if (e != null && e.generation == gen && e.expiresAt - now > 0) {
            return (T) e.value;
        }
        T value = frozen(load.get());
        if (entries.size() >= maxEntries) {
            entries.clear(); // crude but bounded; directory answers are cheap to load again
        }
        entries.put(k, new Entry(value, gen, now + ttlNanos));
        return value;
    }

    /**
     * @return the answers for many keys of one kind: the cached ones, and the others loaded together by one call of
     *     {@code loadMissing} (which answers every key it is given; a key it leaves out is cached as {@code absent})
     */
    @SuppressWarnings("unchecked")
    <K, V> java.util.Map<K, V> getAll(String kind, java.util.Collection<K> keys, V absent,
                                             java.util.function.Function<List<K>, java.util.Map<K, V>> loadMissing) {
        java.util.Map<K, V> out = new java.util.HashMap<>();
        List<K> missing = new java.util.ArrayList<>();
        long gen = generation.get();
        long now = System.nanoTime();
        for (K key : keys) {
            Entry e = ttlNanos <= 0 ? null : entries.get(List.of(kind, key));
            if (e != null && e.generation == gen && e.expiresAt - now > 0) {
                out.put(key, (V) e.value);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            java.util.Map<K, V> loaded = loadMissing.apply(missing);
            if (ttlNanos > 0 && entries.size() + missing.size() >= maxEntries) {
                entries.clear();
            }
            for (K key : missing) {
                V value = frozen(loaded.getOrDefault(key, absent));
                out.put(key, value);
                if (ttlNanos > 0) {
                    entries.put(List.of(kind, key), new Entry(value, gen, now + ttlNanos));
                }
            }
        }
        return out;
    }

    /** @return the value, its collections made unmodifiable (a caller must not change a shared answer) */
    @SuppressWarnings("unchecked")
    private static <T> T frozen(T value) {
        if (value instanceof java.util.SortedSet<?> set) {
            return (T) java.util.Collections.unmodifiableSortedSet(set);
        }
        if (value instanceof java.util.Set<?> set) {
            return (T) java.util.Collections.unmodifiableSet(set);
        }
        if (value instanceof List<?> list) {
            return (T) java.util.Collections.unmodifiableList(list);
        }
        return value;
    }

    /** Forgets every answer (a directory command of this JVM begins or ends). */
    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
