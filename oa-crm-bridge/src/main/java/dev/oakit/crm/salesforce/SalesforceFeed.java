package dev.oakit.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
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
final class SalesforceFeed implements ChangeFeed {
    private final SalesforceHttp http;
    private final String entityType;
    private final String sObject;
    private final String fields;
    private final String filter;
    private final String keyField;
    private final String createOperation;
    private final Function<JsonNode, Record> read;

    SalesforceFeed(SalesforceHttp http, String entityType, String sObject, String fields, String filter, String keyField, String createOperation,
                   Function<JsonNode, Record> read) {
        this.http = http;
        this.entityType = entityType;
        this.sObject = sObject;
        this.fields = keyField == null ? fields : fields + ", " + keyField;
        this.filter = filter;
        this.keyField = keyField;
        this.createOperation = createOperation;
        this.read = read;
    }

    @Override
    public String entityType() {
        return entityType;
    }

    @Override
    public String createOperation() {
        return createOperation;
    }

    @Override
    public List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException {
        String second = Instant.ofEpochMilli(from.version()).truncatedTo(ChronoUnit.SECONDS).toString();
        String soql = "SELECT " + fields + " FROM " + sObject + " WHERE " + (filter == null ? "" : filter + " AND ") + "SystemModstamp >= "
                + second + " ORDER BY SystemModstamp, Id";
        // batch sizes are 200 to 2,000: ask for what this page needs
        Map<String, String> options = Map.of("Sforce-Query-Options", "batchSize=" + Math.max(200, Math.min(2000, from.skip() + limit)));
        List<RemoteRecord> out = new ArrayList<>();
        int skip = from.skip();
        String path = SalesforceHttp.query(soql);
        while (path != null && out.size() < limit) {
            JsonNode page = http.send(call, "GET", path, null, options);
            for (JsonNode r : page.path("records")) {
                long version = SalesforceRecords.millis(r.path("SystemModstamp"));
                if (version < from.version()) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                if (out.size() < limit) {
                    out.add(new RemoteRecord(entityType, r.path("Id").asText(), version,
                            keyField == null ? null : SalesforceRecords.text(r, keyField), CrmRecords.payload(read.apply(r))));
                }
            }
            path = http.nextPage(page);
        }
        return out;
    }
}
