package dev.oakit.crm.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.integration.spi.AbstractChangeFeed;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changes of one kind of Odoo record: {@code search_read} on {@code write_date >=} the watermark's second, ordered
 * by {@code write_date, id}, archived records included (an archive is a change too), paged with {@code offset}; the
 * version is {@code write_date} in epoch milliseconds (Odoo reads whole seconds, UTC).
 */
final class OdooCrmFeed extends AbstractChangeFeed<OdooCrmFeed.Page> {
    /** Turns a page of rows into the CRM-neutral records' payloads, in the rows' order; may call Odoo once more for the page. */
    interface Page {
        List<String> payloads(CallContext call, JsonNode rows) throws RemoteCallException;
    }

    /** Where the feed's records are: a domain, found when a page is read (a project's id, say). */
    interface Domain {
        List<Object> of(CallContext call) throws RemoteCallException;
    }

    private final OdooRpc rpc;
    private final String model;
    private final Domain filter;
    private final List<String> fields;
    private final boolean archivable;
    private final java.util.function.Function<JsonNode, String> key;

    /**
     * @param fields the fields to read (those {@code key} and {@code page} use among them)
     * @param archivable whether the model has {@code active} (archived records are read too)
     * @param key OAKit's key a row carries, or null
     * @param page the rows' payloads; a null payload is a record the bridge does not apply
     */
    OdooCrmFeed(OdooRpc rpc, String entityType, String model, Domain filter, List<String> fields, boolean archivable,
                java.util.function.Function<JsonNode, String> key, String createOperation, Page page) {
        super(entityType, createOperation, page);
        this.rpc = rpc;
        this.model = model;
        this.filter = filter;
        this.fields = List.copyOf(fields);
        this.archivable = archivable;
        this.key = key;
    }

    @Override
    public List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException {
        return read(call, OdooRpc.changedSince(from.version()), from.skip(), limit);
    }

    /** The record of that id if it is one of the feed's: the same {@code search_read} with {@code id =} instead of the watermark. */
    @Override
    public Optional<RemoteRecord> read(CallContext call, String externalId) throws RemoteCallException {
        long id;
        try {
            id = Long.parseLong(externalId);
        } catch (NumberFormatException e) {
            return Optional.empty(); // Odoo's ids are numbers: no record of the feed has this one
        }
        return read(call, List.of("id", "=", id), 0, 1).stream().findFirst();
    }

    private List<RemoteRecord> read(CallContext call, List<Object> condition, int offset, int limit) throws RemoteCallException {
        List<Object> domain = new ArrayList<>(filter.of(call));
        domain.add(condition);
        if (archivable) {
            domain.add(List.of("active", "in", List.of(true, false)));
        }
        JsonNode rows = rpc.changes(call, model, domain, fields, offset, limit);
        List<String> payloads = page().payloads(call, rows);
        List<RemoteRecord> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            out.add(record(r.path("id").asText(), OdooRpc.version(r.path("write_date").asText()),
                    OdooCrmRecords.cut(key.apply(r), 191), payloads.get(i)));
        }
        return out;
    }
}
