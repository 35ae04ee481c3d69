package dev.oakit.erp.erpnext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.erp.JournalEntry;
import dev.oakit.erp.PurchaseOrder;
import dev.oakit.erp.PurchaseOrderCancel;
import dev.oakit.erp.spi.BudgetSource;
import dev.oakit.erp.spi.CallBudget;
import dev.oakit.erp.spi.DocumentLink;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.spi.AbstractRemoteCreate;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteMetadata;
import dev.oakit.integration.spi.RemoteSchemas;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import org.apiguardian.api.API;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference connector for ERPNext (v14 and later), on Frappe's REST API v1 with token
 * authentication.
 *
 * <ul>
 *   <li>{@link #PURCHASE_ORDER}: {@code POST /api/resource/Purchase Order} with {@code docstatus} 1
 *       (inserted and submitted in one call) and OAKit's key in a unique custom field, found again by a
 *       filter on that field. A second insert with the key is refused by Frappe (417
 *       {@code UniqueValidationError}, or 409 {@code DuplicateEntryError} when the key is the name): the
 *       order exists, and the connector answers with it.</li>
 *   <li>{@link #PURCHASE_ORDER_CANCEL}: {@code PUT} with {@code docstatus} 2.</li>
 *   <li>{@link #budgetAvailable}: the cost centre's submitted {@code Budget}s of the fiscal year, less the actual
 *       expense of their accounts in the {@code GL Entry} ledger (and, for budgets applicable on purchase orders,
 *       the unbilled amounts of submitted orders), as ERPNext's own budget validation counts them.</li>
 *   <li>{@link #JOURNAL_ENTRY}: {@code POST /api/resource/Journal Entry} with {@code docstatus} 1 and the key in
 *       the same unique custom field, found again the same way.</li>
 *   <li>Metadata ({@link RemoteMetadata}): the DocType meta from {@code frappe.desk.form.load.getdoctype}; the order
 *       is written through {@link #purchaseOrderMapping()} (mapping {@code <target>.purchase-order}), so a field it
 *       writes that is gone quarantines the order flow.</li>
 * </ul>
 *
 * Frappe's errors are classified by their {@code exc_type}: a deadlock or lock timeout is retryable
 * (nothing was committed), another 417 (validation, a missing link, a row's error) is permanent, with
 * Frappe's message kept as the remote's error. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ErpNextConnector implements ErpConnector, RemoteMetadata, BudgetSource {
    private static final String RESOURCE = "/api/resource/Purchase%20Order";
    private static final String JOURNAL = "/api/resource/Journal%20Entry";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ErpNextConfig config;
    private final JsonHttp http;
    private final Clock clock;
    private final FieldMapping orderMapping;

    /** A connector with its own HTTP client. */
    public ErpNextConnector(ErpNextConfig config) {
        this(config, Clock.systemUTC());
    }

    /** A connector whose order dates come from {@code clock}. */
    public ErpNextConnector(ErpNextConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = ErpNextHttp.builder(config).clock(clock).build();
        this.orderMapping = FieldMapping.parse("ErpNextConnector (" + config.target() + ")",
                ORDER_MAPPING.formatted(config.target(), config.target(), config.keyField(), config.keyField()));
    }

    /** The fields a purchase order writes: supplier, key, currency and dates, and per item the code, quantity, rate, date and cost centre. */
    private static final String ORDER_MAPPING = """
            # What the ERPNext connector writes for a purchase order, checked against the DocType meta
            mapping: %s.purchase-order
            version: 1
            target: %s
            entity: Purchase Order
            local:
              vendor: {type: string, required: true}
              key: {type: string, required: true}
              currency: {type: string, required: true}
              date: {type: date, required: true}
              lines:
                type: list
                required: true
                fields:
                  item: {type: string, required: true}
                  quantity: {type: decimal, required: true}
                  unitPrice: {type: decimal, required: true}
                  date: {type: date, required: true}
                  costCentre: string
            required: [supplier, %s, transaction_date, items]
            fields:
              - {from: vendor, to: supplier}
              - {from: key, to: %s}
              - {from: currency, to: currency}
              - {from: date, to: transaction_date}
              - {from: date, to: schedule_date}
              - from: lines
                to: items
                entity: Purchase Order Item
                required: [item_code, qty, schedule_date]
                fields:
                  - {from: item, to: item_code}
                  - {from: quantity, to: qty}
                  - {from: unitPrice, to: rate}
                  - {from: date, to: schedule_date}
                  - {from: costCentre, to: cost_center}
            """;

    /** @return the mapping of {@code Purchase Order} and its {@code Purchase Order Item}s that {@link #PURCHASE_ORDER} writes with */
    @Override
    public Optional<FieldMapping> purchaseOrderMapping() {
        return Optional.of(orderMapping);
    }

    /**
     * Reads a DocType's meta with {@code GET /api/method/frappe.desk.form.load.getdoctype?doctype=…} (the DocType and its
     * child tables' metas in {@code docs}).
     *
     * @return its fields, or empty when Frappe has no such DocType
     */
    @Override
    public Optional<RemoteEntity> entity(CallContext call, String doctype) throws RemoteCallException {
        JsonNode answer;
        try {
            answer = send(call, "GET", "/api/method/frappe.desk.form.load.getdoctype?doctype=" + q(doctype), null);
        } catch (RemoteCallException e) {
            if (e.status() != null && e.status() == 404) {
                return Optional.empty(); // DoesNotExistError: the DocType is gone
            }
            throw e;
        }
        return RemoteSchemas.frappe(answer, doctype);
    }

    @Override
    public String id() {
        return config.target();
    }

    @Override
    public String systemName() {
        return "ERPNext";
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return List.of(new Create(), new Cancel(), new Journal());
    }

    @Override
    public DocumentLink documentLink(CallContext call, String operation, String remoteId) {
        String doctype = operation.equals(JOURNAL_ENTRY) ? "journal-entry" : "purchase-order";
        return new DocumentLink(remoteId, config.baseUri().resolve("/app/" + doctype + "/"
                + ErpNextHttp.enc(remoteId)).toString());
    }

    /** Computed as ERPNext's budget validation computes it; see {@code ErpNextBudgets}. */
    @Override
    public Optional<BigDecimal> budgetAvailable(CallContext call, String costCentre, LocalDate on) throws RemoteCallException {
        return ErpNextBudgets.available((c, path) -> send(c, "GET", path, null), call, costCentre, on);
    }

    private final class Create extends AbstractRemoteCreate<PurchaseOrder> {
        Create() {
            super(PURCHASE_ORDER, PurchaseOrder.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            return findSubmitted(CallBudget.of(call), RESOURCE, key);
        }

        @Override
        public String create(CallContext call, String key, PurchaseOrder order) throws RemoteCallException {
            CallBudget budget = CallBudget.of(call);
            String date = LocalDate.now(clock).toString();
            ObjectNode local = JSON.createObjectNode().put("vendor", order.vendor()).put("key", key).put("currency", order.currency())
                    .put("date", date);
            ArrayNode lines = local.putArray("lines");
            for (PurchaseOrder.Line l : order.lines()) {
                ObjectNode line = lines.addObject().put("item", l.item()).put("quantity", l.quantity()).put("unitPrice", l.unitPrice())
                        .put("date", date);
                if (order.costCentre() != null) {
                    line.put("costCentre", order.costCentre());
                }
            }
            ObjectNode doc = orderMapping.toRemote(local);
            doc.put("docstatus", 1); // inserted and submitted in one call
            return insertOnce(budget, RESOURCE, key, doc);
        }
    }

    private final class Journal extends AbstractRemoteCreate<JournalEntry> {
        Journal() {
            super(JOURNAL_ENTRY, JournalEntry.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            return findSubmitted(CallBudget.of(call), JOURNAL, key);
        }

        @Override
        public String create(CallContext call, String key, JournalEntry entry) throws RemoteCallException {
            List<Map<String, Object>> accounts = new ArrayList<>();
            for (JournalEntry.Line l : entry.lines()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("account", l.account());
                row.put("debit_in_account_currency", l.debit());
                row.put("credit_in_account_currency", l.credit());
                if (l.costCentre() != null) {
                    row.put("cost_center", l.costCentre());
                }
                accounts.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("voucher_type", "Journal Entry");
            doc.put("posting_date", (entry.postingDate() != null ? entry.postingDate() : LocalDate.now(clock)).toString());
            doc.put(config.keyField(), key);
            doc.put("docstatus", 1);
            if (entry.remark() != null) {
                doc.put("user_remark", entry.remark());
            }
            doc.put("accounts", accounts);
            return insertOnce(CallBudget.of(call), JOURNAL, key, doc);
        }
    }

    private final class Cancel extends AbstractRemoteCreate<PurchaseOrderCancel> {
        Cancel() {
            super(PURCHASE_ORDER_CANCEL, PurchaseOrderCancel.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            return byKey(call, ErpConnector.orderKeyOf(key)).filter(d -> d.path("docstatus").asInt() == 2).map(d -> d.path("name").asText());
        }

        @Override
        public String create(CallContext call, String key, PurchaseOrderCancel cancel) throws RemoteCallException {
            CallBudget budget = CallBudget.of(call);
            JsonNode doc = byKey(budget.next(), cancel.orderKey()).orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.PERMANENT,
                    config.target() + ": no Purchase Order has " + config.keyField() + " '" + cancel.orderKey() + "'; nothing to cancel"));
            String name = doc.path("name").asText();
            switch (doc.path("docstatus").asInt()) {
                case 1 -> put(budget.next(), name, 2);
                case 0 -> send(budget.next(), "DELETE", RESOURCE + "/" + ErpNextHttp.enc(name), null); // a draft cannot be cancelled, only deleted
                default -> {
                    // cancelled already
                }
            }
            return name;
        }
    }

    private Optional<JsonNode> byKey(CallContext call, String key) throws RemoteCallException {
        return byKey(call, RESOURCE, key);
    }

    private Optional<JsonNode> byKey(CallContext call, String resource, String key) throws RemoteCallException {
        String filters = json(List.of(List.of(config.keyField(), "=", key)));
        JsonNode rows = send(call, "GET", resource + "?fields=" + q(json(List.of("name", "docstatus"))) + "&filters=" + q(filters)
                + "&limit_page_length=2", null).path("data");
        return rows.isArray() && !rows.isEmpty() ? Optional.of(rows.get(0)) : Optional.empty();
    }

    private void put(CallContext call, String name, int docstatus) throws RemoteCallException {
        put(call, RESOURCE, name, docstatus);
    }

    private void put(CallContext call, String resource, String name, int docstatus) throws RemoteCallException {
        send(call, "PUT", resource + "/" + ErpNextHttp.enc(name), Map.of("docstatus", docstatus));
    }

    /** Inserts a document carrying the key; a refusal of the key (it exists) is answered with the existing document. */
    private String insertOnce(CallBudget budget, String resource, String key, Object doc) throws RemoteCallException {
        try {
            return send(budget.next(), "POST", resource, doc).path("data").path("name").asText();
        } catch (RemoteCallException e) {
            if (!duplicateKey(e)) {
                throw e;
            }
            // Frappe refused a second document with our key: the first exists
            return findSubmitted(budget, resource, key).orElseThrow(() -> e);
        }
    }

    /** Finds the document of a key; a draft found is submitted, as the insert would have done. */
    private Optional<String> findSubmitted(CallBudget budget, String resource, String key) throws RemoteCallException {
        Optional<JsonNode> doc = byKey(budget.next(), resource, key);
        if (doc.isPresent() && doc.get().path("docstatus").asInt() == 0) {
            put(budget.next(), resource, doc.get().path("name").asText(), 1);
        }
        return doc.map(d -> d.path("name").asText());
    }

    private JsonNode send(CallContext call, String method, String path, Object body) throws RemoteCallException {
        try {
            return http.send(call, method, path, body, Map.of());
        } catch (RemoteCallException e) {
            throw classify(e);
        }
    }

    /** Frappe says more than its status: a deadlock or lock timeout committed nothing and may be retried. */
    private static RemoteCallException classify(RemoteCallException e) {
        String excType = excType(e);
        boolean lock = excType.equals("QueryDeadlockError") || excType.equals("QueryTimeoutError") || excType.equals("TimestampMismatchError")
                || excType.equals("DocumentLockedError");
        if (lock && e.kind() != RemoteCallException.Kind.RETRYABLE) {
            return new RemoteCallException(RemoteCallException.Kind.RETRYABLE, e.getMessage() + " (" + excType + ": nothing was committed)",
                    e.status(), e.remoteError(), e.retryAfter(), e);
        }
        return e;
    }

    private static boolean duplicateKey(RemoteCallException e) {
        String excType = excType(e);
        return e.status() != null && (e.status() == 417 && excType.equals("UniqueValidationError")
                || e.status() == 409 && excType.equals("DuplicateEntryError"));
    }

    private static String excType(RemoteCallException e) {
        if (e.remoteError() == null) {
            return "";
        }
        try {
            return JSON.readTree(e.remoteError()).path("exc_type").asText("");
        } catch (java.io.IOException notJson) {
            return "";
        }
    }

    private String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
