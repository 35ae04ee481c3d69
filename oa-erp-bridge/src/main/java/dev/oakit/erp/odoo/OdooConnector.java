package dev.oakit.erp.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.erp.PurchaseOrder;
import dev.oakit.erp.PurchaseOrderCancel;
import dev.oakit.erp.spi.BudgetSource;
import dev.oakit.erp.spi.CallBudget;
import dev.oakit.erp.spi.DocumentLink;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.AbstractRemoteCreate;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference connector for Odoo (16 and later), on the external JSON-RPC API ({@code execute_kw}).
 *
 * <ul>
 *   <li>{@link #PURCHASE_ORDER}: a {@code purchase.order} whose {@code origin} (Source Document) is
 *       OAKit's key, found again by {@code search_read} on {@code origin}, then {@code button_confirm}.
 *       {@code origin} is not unique in Odoo: when a replayed request created two orders, the lookup
 *       keeps the first and deletes the other drafts, so the key ends with exactly one order.</li>
 *   <li>{@link #PURCHASE_ORDER_CANCEL}: {@code button_cancel} on the order of a key.</li>
 *   <li>{@link #JOURNAL_ENTRY}: an {@code account.move} in the Miscellaneous journal whose {@code ref} is the
 *       key, found again by {@code search_read} on {@code ref}, then {@code action_post}; later drafts of the
 *       key are deleted.</li>
 *   <li>Budget availability ({@link BudgetSource}): the {@code crossovered.budget.lines} of the analytic
 *       account named as the cost centre.</li>
 *   <li>Metadata ({@link RemoteMetadata}): {@code fields_get} of a model; the order is written through
 *       {@link #purchaseOrderMapping()} (mapping {@code <target>.purchase-order}), so a field it writes that
 *       is gone quarantines the order flow.</li>
 * </ul>
 *
 * The vendor is the {@code res.partner} with that id (what the master-data sync stores and the
 * requisition's vendor field offers) or of that name, each item the {@code product.product} with that
 * internal reference (or name). Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OdooConnector implements ErpConnector, BudgetSource, RemoteMetadata {
    private static final String PO = "purchase.order";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OdooConfig config;
    private final OdooRpc rpc;
    private final FieldMapping orderMapping;

    /** A connector with its own HTTP client. */
    public OdooConnector(OdooConfig config) {
        this(config, JsonHttp.builder(config.baseUri()).build());
    }

    /** A connector over a given {@link JsonHttp} (its base must be the config's). */
    public OdooConnector(OdooConfig config, JsonHttp http) {
        this.config = Objects.requireNonNull(config, "config");
        this.rpc = new OdooRpc(Objects.requireNonNull(http, "http"), config.target(), config.database(), config.login(), config.secret());
        this.orderMapping = FieldMapping.parse("OdooConnector (" + config.target() + ")", ORDER_MAPPING.formatted(config.target(), config.target()));
    }

    /** The fields a purchase order writes: the order's partner, key and reference, and per line the product, text, quantity and price. */
    private static final String ORDER_MAPPING = """
            # What the Odoo connector writes for a purchase order, checked against fields_get
            mapping: %s.purchase-order
            version: 1
            target: %s
            entity: purchase.order
            local:
              partner: {type: integer, required: true}
              key: {type: string, required: true}
              title: string
              lines:
                type: list
                required: true
                fields:
                  product: {type: integer, required: true}
                  item: {type: string, required: true}
                  quantity: {type: decimal, required: true}
                  unitPrice: {type: decimal, required: true}
            required: [partner_id, origin, order_line]
            fields:
              - {from: partner, to: partner_id}
              - {from: key, to: origin}
              - {from: title, to: partner_ref}
              - from: lines
                to: order_line
                entity: purchase.order.line
                required: [product_id, name, product_qty, price_unit]
                fields:
                  - {from: product, to: product_id}
                  - {from: item, to: name}
                  - {from: quantity, to: product_qty}
                  - {from: unitPrice, to: price_unit}
            """;

    /** @return the mapping of {@code purchase.order} and {@code purchase.order.line} that {@link #PURCHASE_ORDER} writes with */
    @Override
    public Optional<FieldMapping> purchaseOrderMapping() {
        return Optional.of(orderMapping);
    }

    /** Reads a model's fields with {@code fields_get} (their type, label and required flag). */
    @Override
    public Optional<RemoteEntity> entity(CallContext call, String model) throws RemoteCallException {
        JsonNode fields = rpc.execute(call, model, "fields_get", List.of(), Map.of("attributes", List.of("string", "type", "required")));
        return Optional.of(RemoteSchemas.odoo(model, fields));
    }

    @Override
    public String id() {
        return config.target();
    }

    @Override
    public String systemName() {
        return "Odoo";
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return List.of(new Create(), new Cancel(), new OdooJournalEntries(rpc, config.target()));
    }

    @Override
    public DocumentLink documentLink(CallContext call, String operation, String remoteId) throws RemoteCallException {
        long id = Long.parseLong(remoteId);
        String model = operation.equals(JOURNAL_ENTRY) ? OdooJournalEntries.MOVE : PO;
        JsonNode rows = rpc.execute(call, model, "read", List.of(List.of(id)), Map.of("fields", List.of("name")));
        String name = rows.path(0).path("name").asText(remoteId);
        return new DocumentLink(name, config.baseUri().resolve("/web#id=" + id + "&model=" + model + "&view_type=form").toString());
    }

    /** Budget availability: {@code crossovered.budget.lines} of the analytic account named as the cost centre. */
    @Override
    public Optional<BigDecimal> budgetAvailable(CallContext call, String costCentre, LocalDate on) throws RemoteCallException {
        return OdooBudgets.available(rpc, call, costCentre, on);
    }

    private final class Create extends AbstractRemoteCreate<PurchaseOrder> {
        Create() {
            super(PURCHASE_ORDER, PurchaseOrder.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            return settle(CallBudget.of(call), key);
        }

        @Override
        public String create(CallContext call, String key, PurchaseOrder order) throws RemoteCallException {
            CallBudget budget = CallBudget.of(call);
            long partner = one(budget.next(), "res.partner", vendorDomain(order.vendor()), "vendor", order.vendor());
            ObjectNode local = JSON.createObjectNode().put("partner", partner).put("key", key);
            if (order.title() != null) {
                local.put("title", order.title().length() > 60 ? order.title().substring(0, 60) : order.title());
            }
            ArrayNode lines = local.putArray("lines");
            for (PurchaseOrder.Line l : order.lines()) {
                long product = one(budget.next(), "product.product", List.of("|", List.of("default_code", "=", l.item()),
                        List.of("name", "=", l.item())), "product", l.item());
                lines.addObject().put("product", product).put("item", l.item()).put("quantity", l.quantity()).put("unitPrice", l.unitPrice());
            }
            ObjectNode vals = orderMapping.toRemote(local);
            ArrayNode commands = JSON.createArrayNode();
            vals.withArray("order_line").forEach(line -> commands.addArray().add(0).add(0).add(line)); // (0, 0, vals): create the line
            vals.set("order_line", commands);
            rpc.execute(budget.next(), PO, "create", List.of(vals), Map.of());
            return settle(budget, key).orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.AMBIGUOUS,
                    config.target() + ": the purchase order just created with origin '" + key + "' is not found"));
        }
    }

    private final class Cancel extends AbstractRemoteCreate<PurchaseOrderCancel> {
        Cancel() {
            super(PURCHASE_ORDER_CANCEL, PurchaseOrderCancel.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            List<JsonNode> rows = byOrigin(call, ErpConnector.orderKeyOf(key));
            boolean allCancelled = !rows.isEmpty() && rows.stream().allMatch(r -> r.path("state").asText().equals("cancel"));
            return allCancelled ? Optional.of(rows.get(0).path("id").asText()) : Optional.empty();
        }

        @Override
        public String create(CallContext call, String key, PurchaseOrderCancel cancel) throws RemoteCallException {
            CallBudget budget = CallBudget.of(call);
            List<JsonNode> rows = byOrigin(budget.next(), cancel.orderKey());
            if (rows.isEmpty()) {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": no purchase order has origin '"
                        + cancel.orderKey() + "'; nothing to cancel");
            }
            List<Long> open = rows.stream().filter(r -> !r.path("state").asText().equals("cancel")).map(r -> r.path("id").asLong()).toList();
            if (!open.isEmpty()) {
                rpc.execute(budget.next(), PO, "button_cancel", List.of(open), Map.of());
            }
            return rows.get(0).path("id").asText();
        }
    }

    /**
     * Finds the order of a key and brings it to its end state: the first one stays (confirmed when still a
     * draft), later ones a replayed request created are cancelled and deleted.
     */
    private Optional<String> settle(CallBudget budget, String key) throws RemoteCallException {
        List<JsonNode> rows = byOrigin(budget.next(), key);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode keep = rows.get(0);
        List<Long> extras = new ArrayList<>();
        for (JsonNode r : rows.subList(1, rows.size())) {
            if (!r.path("state").asText().equals("cancel")) {
                extras.add(r.path("id").asLong());
            }
        }
        if (!extras.isEmpty()) {
            // Odoo deletes only cancelled orders: cancel, then delete
            rpc.execute(budget.next(), PO, "button_cancel", List.of(extras), Map.of());
            rpc.execute(budget.next(), PO, "unlink", List.of(extras), Map.of());
        }
        String state = keep.path("state").asText();
        if (state.equals("draft") || state.equals("sent")) {
            rpc.execute(budget.next(), PO, "button_confirm", List.of(List.of(keep.path("id").asLong())), Map.of());
        }
        return Optional.of(keep.path("id").asText());
    }

    private List<JsonNode> byOrigin(CallContext call, String key) throws RemoteCallException {
        JsonNode rows = rpc.execute(call, PO, "search_read", List.of(List.of(List.of("origin", "=", key))),
                Map.of("fields", List.of("id", "name", "state"), "order", "id asc"));
        List<JsonNode> out = new ArrayList<>();
        rows.forEach(out::add);
        return out;
    }

    /** The partner with that id, as the master-data sync stores it, or of that name. */
    static List<?> vendorDomain(String vendor) {
        if (vendor.chars().allMatch(Character::isDigit) && !vendor.isEmpty() && vendor.length() < 19) {
            return List.of("|", List.of("id", "=", Long.parseLong(vendor)), List.of("name", "=", vendor));
        }
        return List.of(List.of("name", "=", vendor));
    }

    private long one(CallContext call, String model, List<?> domain, String what, String name) throws RemoteCallException {
        return rpc.first(call, model, domain, null).orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.PERMANENT,
                config.target() + ": Odoo has no " + what + " '" + name + "' (" + model + "); create it in Odoo or correct the requisition"));
    }
}
