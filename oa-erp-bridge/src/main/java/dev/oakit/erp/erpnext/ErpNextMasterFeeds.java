package dev.oakit.erp.erpnext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import org.apiguardian.api.API;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * ERPNext's master data as {@link MasterFeed}s, read with {@code GET /api/resource/<DocType>} filtered on
 * {@code modified >=} the watermark and ordered by {@code modified, name}; the versions are {@code modified}
 * in microseconds (UTC, as the site stores it). Disabled records are listed too, so a deactivation arrives
 * like any change:
 *
 * <table>
 * <caption>What each kind reads</caption>
 * <tr><th>kind</th><th>DocType</th><th>name shown</th><th>inactive when</th></tr>
 * <tr><td>VENDOR</td><td>Supplier</td><td>supplier_name</td><td>disabled</td></tr>
 * <tr><td>MATERIAL</td><td>Item</td><td>item_name</td><td>disabled</td></tr>
 * <tr><td>COST_CENTRE</td><td>Cost Center</td><td>cost_center_name</td><td>disabled, or a group (not postable)</td></tr>
 * <tr><td>PROJECT</td><td>Project</td><td>project_name</td><td>status not Open</td></tr>
 * <tr><td>EMPLOYEE</td><td>Employee</td><td>employee_name; e-mail company_email, else user_id</td><td>status not Active</td></tr>
 * </table>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ErpNextMasterFeeds {
    private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private ErpNextMasterFeeds() {
    }

    /** @return a feed of every kind, calling the site of {@code config} with its API token */
    public static List<MasterFeed> of(ErpNextConfig config) {
        JsonHttp http = ErpNextHttp.of(config);
        String t = config.target();
        return List.of(
                new Feed(http, t, MasterKind.VENDOR, "Supplier", List.of("supplier_name", "email_id", "disabled"),
                        d -> new MasterFeed.MasterValues(d.path("supplier_name").asText(), text(d, "email_id"), d.path("disabled").asInt() == 0)),
                new Feed(http, t, MasterKind.MATERIAL, "Item", List.of("item_name", "disabled"),
                        d -> new MasterFeed.MasterValues(d.path("item_name").asText(), null, d.path("disabled").asInt() == 0)),
                new Feed(http, t, MasterKind.COST_CENTRE, "Cost Center", List.of("cost_center_name", "disabled", "is_group"),
                        d -> new MasterFeed.MasterValues(d.path("cost_center_name").asText(), null,
                                d.path("disabled").asInt() == 0 && d.path("is_group").asInt() == 0)),
                new Feed(http, t, MasterKind.PROJECT, "Project", List.of("project_name", "status"),
                        d -> new MasterFeed.MasterValues(d.path("project_name").asText(), null, "Open".equals(d.path("status").asText("Open")))),
                new Feed(http, t, MasterKind.EMPLOYEE, "Employee", List.of("employee_name", "company_email", "user_id", "status"),
                        d -> new MasterFeed.MasterValues(d.path("employee_name").asText(),
                                text(d, "company_email") != null ? text(d, "company_email") : text(d, "user_id"),
                                "Active".equals(d.path("status").asText()))));
    }

    private static String text(JsonNode d, String field) {
        return d.path(field).isTextual() && !d.path(field).asText().isBlank() ? d.path(field).asText() : null;
    }

    /** @return the version of a {@code modified} value: its microseconds since the epoch */
    static long version(String modified) {
        return ChronoUnit.MICROS.between(EPOCH, LocalDateTime.parse(modified, MODIFIED));
    }

    static String modified(long version) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(version, 1_000_000L), (int) Math.floorMod(version, 1_000_000L) * 1000, ZoneOffset.UTC)
                .format(WRITE);
    }

    private record Feed(JsonHttp http, String target, MasterKind kind, String entityType, List<String> fields,
                        Function<JsonNode, MasterValues> meaning) implements MasterFeed {
        @Override
        public long versionsIn(Duration overlap) {
            return overlap.toNanos() / 1000;
        }

        @Override
        public MasterValues values(RemoteRecord record) {
            try {
                return meaning.apply(JSON.readTree(record.payload()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the feed's own payload of " + entityType + " " + record.externalId() + " is not JSON", e);
            }
        }

        /** Frappe's webhook body is the document as JSON ({@code doc.as_dict()}): its name and {@code modified} give the record. */
        @Override
        public RemoteRecord fromWebhook(String body) {
            try {
                JsonNode d = JSON.readTree(body);
                if (!d.path("name").isTextual() || !d.path("modified").isTextual()) {
                    return null;
                }
                return new RemoteRecord(entityType, d.path("name").asText(), version(d.path("modified").asText()), null, body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return null;
            }
        }

        @Override
        public List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException {
            List<String> all = new ArrayList<>(List.of("name", "modified"));
            all.addAll(fields);
            JsonNode page = http.get(call, "/api/resource/" + ErpNextHttp.enc(entityType) + "?fields=" + ErpNextHttp.enc(JSON.valueToTree(all).toString())
                    + "&filters=" + ErpNextHttp.enc("[[\"modified\",\">=\",\"" + modified(from.version()) + "\"]]")
                    + "&order_by=" + ErpNextHttp.enc("modified asc, name asc") + "&limit_start=" + from.skip() + "&limit_page_length=" + limit);
            List<RemoteRecord> records = new ArrayList<>();
            for (JsonNode d : page.path("data")) {
                records.add(new RemoteRecord(entityType, d.path("name").asText(), version(d.path("modified").asText()), null, d.toString()));
            }
            return records;
        }
    }
}
