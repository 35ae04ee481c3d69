package dev.oakit.fakes.internal;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/**
 * A page of a list read from an index on the column its order starts with (the fake ERPNext's {@code modified}, the
 * fake Odoo's {@code write_date}): index value → row number → row. Groups of equal values come in index order, each in
 * row-number order and sorted stably by the whole order, then filtered, until the page is full: the answer a stable
 * sort of every match gives, at the cost of the page and its offset instead of the whole table.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class IndexedPages {
    private IndexedPages() {
    }

    /**
     * @param range the part of the index to read, in the order's direction
     * @param order the whole order (its first column is equal within a group); null when it has no other column
     * @param match the query's conditions, tested on each row
     * @param offset rows to leave out first
     * @param limit rows at most; 0 or less for all
     * @return the page's rows
     */
    public static List<Map<String, Object>> page(NavigableMap<String, NavigableMap<Long, Map<String, Object>>> range,
                                                 Comparator<Map<String, Object>> order, Predicate<Map<String, Object>> match, int offset, int limit) {
        long skip = Math.max(0, offset);
        List<Map<String, Object>> out = new ArrayList<>();
        for (NavigableMap<Long, Map<String, Object>> group : range.values()) {
            List<Map<String, Object>> rows = new ArrayList<>(group.values());
            if (order != null && rows.size() > 1) {
                rows.sort(order);
            }
            for (Map<String, Object> r : rows) {
                if (!match.test(r)) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                out.add(r);
                if (limit > 0 && out.size() == limit) {
                    return out;
                }
            }
        }
        return out;
    }

    /** The tightest range of index values that some {@code >, >=, <, <=} conditions leave; none leaves the whole index. */
    @API(status = API.Status.INTERNAL, since = "0.1")
    public static final class Bounds {
        private String low;
        private boolean lowIn = true;
        private String high;
        private boolean highIn = true;

        /** Values above {@code v} (or equal, when inclusive). */
        public void from(String v, boolean inclusive) {
            int cmp = low == null ? 1 : v.compareTo(low);
            if (cmp > 0 || cmp == 0 && !inclusive) {
                low = v;
                lowIn = inclusive;
            }
        }

        /** Values below {@code v} (or equal, when inclusive). */
        public void to(String v, boolean inclusive) {
            int cmp = high == null ? -1 : v.compareTo(high);
            if (cmp < 0 || cmp == 0 && !inclusive) {
                high = v;
                highIn = inclusive;
            }
        }

        /** @return the part of the index within the bounds */
        public <V> NavigableMap<String, V> of(NavigableMap<String, V> index) {
            if (low != null && high != null) {
                int cmp = low.compareTo(high);
                if (cmp > 0 || cmp == 0 && !(lowIn && highIn)) {
                    return Collections.emptyNavigableMap();
                }
                return index.subMap(low, lowIn, high, highIn);
            }
            return low != null ? index.tailMap(low, lowIn) : high != null ? index.headMap(high, highIn) : index;
        }
    }
}
