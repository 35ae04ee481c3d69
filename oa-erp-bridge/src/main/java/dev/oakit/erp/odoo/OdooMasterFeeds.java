package dev.oakit.erp.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

/**
 * Odoo's master data as {@link MasterFeed}s, read with {@code execute_kw(model, 'search_read')} on
 * {@code write_date >=} the watermark, ordered by {@code write_date, id}, archived records included
 * ({@code active in (True, False)}, so an archive arrives as a change with {@code active = False}); the versions
 * are {@code write_date} in milliseconds (Odoo returns whole seconds, UTC):
 *
 * <table>
 * <caption>What each kind reads</caption>
 * <tr><th>kind</th><th>model</th><th>also filtered by</th><th>e-mail</th></tr>
 * <tr><td>VENDOR</td><td>res.partner</td><td>supplier_rank &gt; 0</td><td>email</td></tr>
 * <tr><td>MATERIAL</td><td>product.product</td><td></td><td></td></tr>
 * <tr><td>COST_CENTRE</td><td>account.analytic.account</td><td></td><td></td></tr>
 * <tr><td>PROJECT</td><td>project.project</td><td></td><td></td></tr>
 * <tr><td>EMPLOYEE</td><td>hr.employee</td><td></td><td>work_email</td></tr>
 * </table>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OdooMasterFeeds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OdooMasterFeeds() {
    }

    /** @return a feed of every kind, calling the server of {@code config} */
    public static List<MasterFeed> of(OdooConfig config) {
        OdooRpc rpc = new OdooRpc(JsonHttp.builder(config.baseUri()).build(), config.target(), config.database(), config.login(), config.secret());
        String t = config.target();
        return List.of(new Feed(rpc, t, MasterKind.VENDOR, "res.partner", List.of(List.of("supplier_rank", ">", 0)), "email"),
                new Feed(rpc, t, MasterKind.MATERIAL, "product.product", List.of(), null),
                new Feed(rpc, t, MasterKind.COST_CENTRE, "account.analytic.account", List.of(), null),
                new Feed(rpc, t, MasterKind.PROJECT, "project.project", List.of(), null),
                new Feed(rpc, t, MasterKind.EMPLOYEE, "hr.employee", List.of(), "work_email"));
    }

    private record Feed(OdooRpc rpc, String target, MasterKind kind, String entityType, List<List<Object>> filter, String emailField)
            implements MasterFeed {
        @Override
        public MasterValues values(RemoteRecord record) {
            try {
                JsonNode d = JSON.readTree(record.payload());
                JsonNode email = emailField == null ? null : d.path(emailField);
                return new MasterValues(d.path("name").asText(), email != null && email.isTextual() ? email.asText() : null,
                        d.path("active").asBoolean(true));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the feed's own payload of " + entityType + " " + record.externalId() + " is not JSON", e);
            }
        }

        @Override
        public List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException {
            List<Object> domain = new ArrayList<>(filter);
            domain.add(OdooRpc.changedSince(from.version()));
            domain.add(List.of("active", "in", List.of(true, false)));
            List<String> fields = new ArrayList<>(List.of("id", "name", "write_date", "active"));
            if (emailField != null) {
                fields.add(emailField);
            }
            JsonNode rows = rpc.changes(call, entityType, domain, fields, from.skip(), limit);
            List<RemoteRecord> records = new ArrayList<>();
            for (JsonNode d : rows) {
                records.add(new RemoteRecord(entityType, d.path("id").asText(), OdooRpc.version(d.path("write_date").asText()), null, d.toString()));
            }
            return records;
        }
    }
}
