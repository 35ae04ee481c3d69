package dev.oakit.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.integration.spi.AbstractChangeFeed;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The changes of one sObject type by SOQL on {@code SystemModstamp}: {@code SELECT … WHERE SystemModstamp >= t
 * ORDER BY SystemModstamp, Id}, paged by {@code nextRecordsUrl}. SOQL takes datetimes to the second, so the query
 * starts at the watermark's second and the records before the watermark's millisecond are left out here; the
 * version is {@code SystemModstamp} in epoch milliseconds.
 */
final class SalesforceFeed extends AbstractChangeFeed<SalesforceFeed.Page> {
    /** Turns a page of rows into the CRM-neutral records, in the rows' order; may query once more for the page. */
    interface Page {
        /** @return a record per row; null for a row the bridge does not apply */
        List<Record> records(CallContext call, List<JsonNode> rows) throws RemoteCallException;

        /** @return a page that reads each row alone */
        static Page each(Function<JsonNode, Record> read) {
            return (call, rows) -> rows.stream().map(read).toList();
        }
    }

    private final SalesforceHttp http;
    private final String sObject;
    private final String fields;
    private final String filter;
    private final Function<JsonNode, String> key;

    /**
     * @param fields the fields to select (those {@code key} and {@code page} read among them)
     * @param filter a SOQL condition the records meet, or null
     * @param key OAKit's key a row carries, or null when it carries none
     */
    SalesforceFeed(SalesforceHttp http, String entityType, String sObject, String fields, String filter, Function<JsonNode, String> key,
                   String createOperation, Page page) {
        super(entityType, createOperation, page);
        this.http = http;
        this.sObject = sObject;
        this.fields = fields;
        this.filter = filter;
        this.key = key == null ? r -> null : key;
    }

    @Override
    public List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException {
        String second = Instant.ofEpochMilli(from.version()).truncatedTo(ChronoUnit.SECONDS).toString();
        String soql = "SELECT " + fields + " FROM " + sObject + " WHERE " + (filter == null ? "" : filter + " AND ") + "SystemModstamp >= "
                + second + " ORDER BY SystemModstamp, Id";
        // batch sizes are 200 to 2,000: ask for what this page needs
        Map<String, String> options = Map.of("Sforce-Query-Options", "batchSize=" + Math.max(200, Math.min(2000, from.skip() + limit)));
        List<JsonNode> rows = new ArrayList<>();
        int skip = from.skip();
        String path = SalesforceHttp.query(soql);
        while (path != null && rows.size() < limit) {
            JsonNode answer = http.send(call, "GET", path, null, options);
            for (JsonNode r : answer.path("records")) {
                long version = SalesforceRecords.millis(r.path("SystemModstamp"));
                if (version < from.version()) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                if (rows.size() < limit) {
                    rows.add(r);
                }
            }
            path = http.nextPage(answer);
        }
        List<Record> records = page().records(call, rows);
        List<RemoteRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            Record record = records.get(i);
            out.add(record(r.path("Id").asText(), SalesforceRecords.millis(r.path("SystemModstamp")), key.apply(r),
                    record == null ? null : CrmRecords.payload(record)));
        }
        return out;
    }
}
