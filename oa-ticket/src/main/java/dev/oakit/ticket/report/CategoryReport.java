package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.util.List;

/**
 * Tickets by category (also the fault cause, 故障原因): created and resolved in the range, for the
 * category itself and rolled up over its subtree. Rows follow the tree depth first, children by
 * key; a last row with a null key counts tickets without a category.
 *
 * @param filter what the report covers
 * @param rows one row per category
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CategoryReport(ReportFilter filter, List<Row> rows) implements ReportTable {
    /** Copies the rows. */
    public CategoryReport {
        rows = List.copyOf(rows);
    }

    /**
     * One category.
     *
     * @param key the category key, or null for tickets without a category
     * @param name its name ("" for null key)
     * @param parentKey its parent, or null at the top
     * @param depth 0 at the top
     * @param created tickets of exactly this category created in the range
     * @param createdWithSubtree tickets of this category or any below it created in the range
     * @param resolved tickets of exactly this category resolved in the range
     * @param resolvedWithSubtree tickets of this category or any below it resolved in the range
     */
    public record Row(String key, String name, String parentKey, int depth, long created, long createdWithSubtree, long resolved,
                      long resolvedWithSubtree) {
    }

    @Override
    public List<String> header() {
        return List.of("category", "name", "parent", "depth", "created", "created_with_subtree", "resolved", "resolved_with_subtree");
    }

    @Override
    public List<List<String>> cells() {
        return rows.stream().map(r -> List.of(Cells.of(r.key()), r.name(), Cells.of(r.parentKey()), Cells.of(r.depth()),
                Cells.of(r.created()), Cells.of(r.createdWithSubtree()), Cells.of(r.resolved()), Cells.of(r.resolvedWithSubtree()))).toList();
    }
}
