package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.util.List;

/**
 * A report as a table of text cells, for {@link ReportCsv}. Every report record implements it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ReportTable {
    /** @return the column names, never empty */
    List<String> header();

    /** @return the rows, each as long as the header; empty cells are empty strings, never null */
    List<List<String>> cells();
}
