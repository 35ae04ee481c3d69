package dev.oakit.erp.masterdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextMasterFeeds;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.erp.odoo.OdooConfig;
import dev.oakit.erp.odoo.OdooMasterFeeds;
import dev.oakit.fakes.FakeServer;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A fake ERP (ERPNext or Odoo) on a manual clock, with the master-data changes a test makes through its public API. */
public abstract class MasterErp {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    final ManualClock clock = new ManualClock(T0);

    abstract String target();

    abstract FakeServer server();

    abstract List<MasterFeed> feeds();

    /** @return the new vendor's id in the ERP */
    abstract String vendor(String name);

    abstract void renameVendor(String id, String name);

    abstract void disableVendor(String id);

    /** @return the new active cost centre's id */
    abstract String costCentre(String name);

    /** @return the new employee's id */
    abstract String employee(String name, String email);

    abstract void employeeLeft(String id);

    /** @return how many calls changed something at the ERP */
    abstract long writes();

    static MasterErp erpNext(TestDatabase db) {
        return new MasterErp() {
            final FakeErpNext erp = db.closeLater(FakeErpNext.builder().clock(clock).start());

            String target() {
                return "erpnext";
            }

            FakeServer server() {
                return erp;
            }

            List<MasterFeed> feeds() {
                return ErpNextMasterFeeds.of(ErpNextConfig.of("erpnext", erp.baseUri(), erp.apiKey(), erp.apiSecret()));
            }

            String vendor(String name) {
                return erp.insert("Supplier", Map.of("supplier_name", name));
            }

            void renameVendor(String id, String name) {
                put("Supplier", id, Map.of("supplier_name", name));
            }

            void disableVendor(String id) {
                put("Supplier", id, Map.of("disabled", 1));
            }

            String costCentre(String name) {
                return erp.insert("Cost Center", Map.of("cost_center_name", name, "company", erp.company(),
                        "parent_cost_center", erp.company() + " - AC", "is_group", 0));
            }

            String employee(String name, String email) {
                return erp.insert("Employee", email == null ? Map.of("first_name", name) : Map.of("first_name", name, "company_email", email));
            }

            void employeeLeft(String id) {
                put("Employee", id, Map.of("status", "Left"));
            }

            long writes() {
                return erp.calls().stream().filter(c -> !c.httpMethod().equals("GET")).count();
            }

            void put(String doctype, String name, Map<String, Object> fields) {
                try {
                    HttpRequest r = HttpRequest.newBuilder(erp.baseUri().resolve("/api/resource/" + enc(doctype) + "/" + enc(name)))
                            .header("Authorization", erp.tokenHeader()).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields))).build();
                    HttpResponse<String> answer = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static MasterErp odoo(TestDatabase db) {
        return new MasterErp() {
            final FakeOdoo odoo = db.closeLater(FakeOdoo.builder().clock(clock).start());

            String target() {
                return "odoo";
            }

            FakeServer server() {
                return odoo;
            }

            List<MasterFeed> feeds() {
                return OdooMasterFeeds.of(new OdooConfig("odoo", odoo.baseUri(), odoo.database(), odoo.login(), odoo.apiKey()));
            }

            String vendor(String name) {
                return String.valueOf(odoo.create("res.partner", Map.of("name", name, "supplier_rank", 1)));
            }

            void renameVendor(String id, String name) {
                write("res.partner", id, Map.of("name", name));
            }

            void disableVendor(String id) {
                write("res.partner", id, Map.of("active", false));
            }

            String costCentre(String name) {
                return String.valueOf(odoo.create("account.analytic.account", Map.of("name", name)));
            }

            String employee(String name, String email) {
                return String.valueOf(odoo.create("hr.employee", email == null ? Map.of("name", name) : Map.of("name", name, "work_email", email)));
            }

            void employeeLeft(String id) {
                write("hr.employee", id, Map.of("active", false));
            }

            long writes() {
                return odoo.calls().stream().filter(c -> !List.of("search_read", "authenticate", "login", "").contains(c.action())).count();
            }

            void write(String model, String id, Map<String, Object> vals) {
                try {
                    Map<String, Object> params = Map.of("service", "object", "method", "execute_kw", "args",
                            List.of(odoo.database(), odoo.uid(), odoo.apiKey(), model, "write", List.of(List.of(Long.parseLong(id)), vals)));
                    HttpRequest r = HttpRequest.newBuilder(odoo.baseUri().resolve("/jsonrpc")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "call", "id", 1,
                                    "params", params)))).build();
                    JsonNode answer = JSON.readTree(HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body());
                    assertThat(answer.path("error").isMissingNode()).as(answer.toString()).isTrue();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
