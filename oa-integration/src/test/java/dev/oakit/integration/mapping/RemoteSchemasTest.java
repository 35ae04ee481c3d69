package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.internal.mapping.MetadataComparison;
import dev.oakit.integration.mapping.MappingIssue.Change;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteSchemas;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema readers against the fakes' metadata answers, and a mapping compared with them. */
class RemoteSchemasTest {
    static final CallContext CALL = new CallContext("t1", "odoo", "metadata", Duration.ofSeconds(5));
    static final FieldMapping ORDER = FieldMapping.parse("odoo-order", """
            mapping: order
            version: 1
            target: odoo
            entity: purchase.order
            local: {vendor: integer, key: string, lines: {type: list, fields: {qty: decimal, product: integer}}}
            fields:
              - {from: vendor, to: partner_id}
              - {from: key, to: origin}
              - from: lines
                to: order_line
                entity: purchase.order.line
                fields: [{from: qty, to: product_qty}, {from: product, to: product_id}]
            """);

    static HttpAuth header(String name, String value) {
        return new HttpAuth() {
            @Override
            public void apply(HttpRequest.Builder request) {
                request.header(name, value);
            }

            @Override
            public void refresh(CallContext call) throws RemoteCallException {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "refused");
            }
        };
    }

    static RemoteEntity fieldsGet(JsonHttp odoo, String model) throws RemoteCallException {
        return RemoteSchemas.odoo(model, odoo.post(CALL, "/json/2/" + model + "/fields_get",
                Map.of("attributes", java.util.List.of("type", "string", "required"))));
    }

    @Test
    void odooFieldsGetFitsTheMappingUntilAFieldIsRemoved() throws Exception {
        try (FakeOdoo fake = FakeOdoo.start()) {
            JsonHttp odoo = JsonHttp.builder(fake.baseUri()).auth(header("Authorization", "bearer " + fake.apiKey())).build();
            RemoteEntity order = fieldsGet(odoo, "purchase.order");
            assertThat(order.fields().get("partner_id")).satisfies(f -> {
                assertThat(f.type()).isEqualTo(FieldType.INTEGER);
                assertThat(f.remoteType()).isEqualTo("many2one");
                assertThat(f.required()).isTrue();
                assertThat(f.label()).isEqualTo("Vendor");
            });
            Map<String, Optional<RemoteEntity>> entities = Map.of("purchase.order", Optional.of(order),
                    "purchase.order.line", Optional.of(fieldsGet(odoo, "purchase.order.line")));
            assertThat(MetadataComparison.issues(ORDER, entities)).isEmpty();

            fake.removeField("purchase.order", "origin");
            entities = Map.of("purchase.order", Optional.of(fieldsGet(odoo, "purchase.order")),
                    "purchase.order.line", Optional.of(fieldsGet(odoo, "purchase.order.line")));
            assertThat(MetadataComparison.issues(ORDER, entities)).singleElement().satisfies(i -> {
                assertThat(i.change()).isEqualTo(Change.FIELD_GONE);
                assertThat(i.field()).isEqualTo("origin");
                assertThat(i.fix()).contains("partner_ref (Vendor Reference)");
            });
        }
    }

    @Test
    void frappeMetaFromTheDocTypeResourceAndFromGetdoctype() throws Exception {
        try (FakeErpNext fake = FakeErpNext.start()) {
            JsonHttp erp = JsonHttp.builder(fake.baseUri()).auth(header("Authorization", fake.tokenHeader())).build();
            JsonNode resource = erp.get(CALL, "/api/resource/DocType/Supplier");
            RemoteEntity supplier = RemoteSchemas.frappe(resource, "Supplier").orElseThrow();
            assertThat(supplier.fields().get("supplier_name")).satisfies(f -> {
                assertThat(f.type()).isEqualTo(FieldType.STRING);
                assertThat(f.required()).isTrue();
            });
            assertThat(supplier.fields().get("disabled").type()).isEqualTo(FieldType.BOOLEAN);
            JsonNode both = erp.get(CALL, "/api/method/frappe.desk.form.load.getdoctype?doctype=Purchase%20Order");
            assertThat(RemoteSchemas.frappe(both, "Purchase Order Item").orElseThrow().fields().get("qty").type()).isEqualTo(FieldType.DECIMAL);
            assertThat(RemoteSchemas.frappe(both, "Purchase Order").orElseThrow().fields().get("items").type()).isEqualTo(FieldType.LIST);
            assertThat(RemoteSchemas.frappe(both, "Journal Entry")).isEmpty();
        }
    }
}
