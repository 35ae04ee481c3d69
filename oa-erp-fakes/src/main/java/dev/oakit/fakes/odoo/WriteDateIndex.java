package dev.oakit.fakes.odoo;

import dev.oakit.fakes.internal.IndexedPages;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The fake's index on {@code write_date}: a search ordered by it (every incremental pull's) reads a page in its own
 * length and offset instead of filtering and sorting the whole table. Rows change in place, so the ORM names every row
 * it creates, touches or rolls back ({@link #stale}), and those are indexed again before the next such search. The
 * answer is the one the full sort gives: equal {@code write_date}s come in id order (the table's), sorted stably by the
 * rest of the order. Not thread safe, as the ORM.
 */
final class WriteDateIndex {
    private final Map<String, NavigableMap<String, NavigableMap<Long, Map<String, Object>>>> byModel = new HashMap<>();
    private final Map<String, Map<Long, String>> indexedAt = new HashMap<>();
    private final Map<String, Set<Long>> stale = new HashMap<>();
    private final Map<String, Set<Long>> unset = new HashMap<>();

    void stale(String model, Long id) {
        if (id != null) {
            stale.computeIfAbsent(model, k -> new HashSet<>()).add(id);
        }
    }

    /**
     * @return the page, or null when the index cannot answer (a row without write_date, which the full sort puts last)
     */
    List<Map<String, Object>> page(String model, Map<Long, Map<String, Object>> table, List<?> domain, Predicate<Map<String, Object>> match,
                                   boolean descending, Comparator<Map<String, Object>> order, int offset, Integer limit) {
        NavigableMap<String, NavigableMap<Long, Map<String, Object>>> index = refresh(model, table);
        if (!unset.getOrDefault(model, Set.of()).isEmpty()) {
            return null;
        }
        NavigableMap<String, NavigableMap<Long, Map<String, Object>>> range = range(domain).of(index);
        return IndexedPages.page(descending ? range.descendingMap() : range, order, match, offset, limit == null ? 0 : limit);
    }

    private NavigableMap<String, NavigableMap<Long, Map<String, Object>>> refresh(String model, Map<Long, Map<String, Object>> table) {
        NavigableMap<String, NavigableMap<Long, Map<String, Object>>> index = byModel.computeIfAbsent(model, k -> new TreeMap<>());
        Map<Long, String> at = indexedAt.computeIfAbsent(model, k -> new HashMap<>());
        Set<Long> without = unset.computeIfAbsent(model, k -> new HashSet<>());
        Set<Long> ids = stale.remove(model);
        for (Long id : ids == null ? Set.<Long>of() : ids) {
            String old = at.remove(id);
            if (old != null) {
                NavigableMap<Long, Map<String, Object>> group = index.get(old);
                group.remove(id);
                if (group.isEmpty()) {
                    index.remove(old);
                }
            }
            without.remove(id);
            Map<String, Object> row = table.get(id);
            if (row == null) {
                continue;
            }
            if (row.get("write_date") instanceof String key) {
                index.computeIfAbsent(key, k -> new TreeMap<>()).put(id, row);
                at.put(id, key);
            } else {
                without.add(id);
            }
        }
        return index;
    }

    /** The bounds an and-only domain's {@code >, >=, <, <=} leaves on {@code write_date} set (a domain with {@code |} or
     *  {@code !} sets none); the leaves are still tested on each row, so the range only has to hold every match. */
    private static IndexedPages.Bounds range(List<?> domain) {
        IndexedPages.Bounds bounds = new IndexedPages.Bounds();
        if (domain == null || domain.stream().anyMatch(t -> "|".equals(t) || "!".equals(t))) {
            return bounds;
        }
        for (Object t : domain) {
            if (!(t instanceof List<?> leaf) || leaf.size() != 3 || !"write_date".equals(leaf.get(0)) || !(leaf.get(2) instanceof String)) {
                continue;
            }
            String op = String.valueOf(leaf.get(1)).toLowerCase(Locale.ROOT);
            String v = String.valueOf(OdooDomain.timestamp(leaf.get(2)));
            switch (op) {
                case ">", ">=" -> bounds.from(v, op.equals(">="));
                case "<", "<=" -> bounds.to(v, op.equals("<="));
                default -> {
                }
            }
        }
        return bounds;
    }
}
