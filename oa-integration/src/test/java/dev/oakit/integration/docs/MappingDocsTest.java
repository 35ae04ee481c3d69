package dev.oakit.integration.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.mapping.ErpNextMetadata;
import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.mapping.MappedPayload;
import dev.oakit.integration.mapping.MappingDocument;
import dev.oakit.integration.mapping.MappingStatus;
import dev.oakit.integration.mapping.Mappings;
import dev.oakit.integration.rest.RestConnector;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.HttpAuth;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mapping code of docs/integration.md is this class's code, compiled; and it runs against the fake ERPNext. */
class MappingDocsTest {
    /** Registers the ERPNext connector (with metadata) and the purchase order mapping. */
    static final class ErpMappingsPlugin implements OaPlugin {
        private final Connector erpnext;

        ErpMappingsPlugin(Connector erpnext) {
            this.erpnext = erpnext;
        }

        @Override
        public String id() {
            return "erp-mappings";
        }

        @Override
        public Set<String> requires() {
            return Set.of("integration");
        }

        @Override
        // tag::register[]
        public void configure(OaPluginContext context) {
            context.extension(Connector.class, erpnext);              // implements RemoteMetadata too
            context.extension(MappingDocument.class,
                    MappingDocument.classpath(getClass(), "mappings/purchase-order.yaml"));
        }
        // end::register[]
    }

    static MappedPayload use(OaKit oa, JsonNode form) {
        // tag::use[]
        Actor bridge = Actor.system("acme");
        Mappings mappings = oa.service(Mappings.class);
        mappings.check(bridge);                                        // after an ERP upgrade (start() checks by itself; checkEvery: on a schedule)

        MappedPayload po = mappings.toRemote(bridge, "purchase-order", form);  // refused while quarantined
        oa.service(RemoteWrites.class).request(bridge,
                new NewRemoteWrite("erpnext", "purchase-order", "PR-2026-0042", "pr-42", po));  // po.version() is stored with it
        // end::use[]
        return po;
    }

    static RestConnector rest(FieldMapping contact, HttpAuth token) {
        // tag::rest[]
        return RestConnector.builder("crm", URI.create("https://crm.example.com"))
                .auth(token)
                .create(RestConnector.Create.of(contact,
                                "/api/contacts",                                 // POST here
                                "external_ref",                                  // OAKit's key goes into this field
                                "/api/contacts?external_ref={key}")              // and is looked up here
                        .ids("/id", "/data", "/id"))                             // id in the answer; results; id in a result
                .build();
        // end::rest[]
    }

    @DbTest
    void theExampleRuns(TestDatabase db) throws Exception {
        try (FakeErpNext erp = FakeErpNext.start()) {
            erp.insert("Supplier", Map.of("supplier_name", "Acme Supplies"));
            erp.insert("Item", Map.of("item_code", "DR-1"));
            MappingDocument doc = MappingDocument.classpath(MappingDocsTest.class, "mappings/purchase-order.yaml");
            Connector erpnext = new ErpNextMetadata("erpnext", erp.baseUri(), erp.tokenHeader(), FieldMapping.parse(doc.source(), doc.text()));
            OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new ErpMappingsPlugin(erpnext))
                    .config("integration", Map.of("retryInitial", "PT0.1S", "retryMax", "PT0.5S")));
            JsonNode form = new ObjectMapper().readTree("""
                    {"vendor": "Acme Supplies", "neededBy": "2026-03-29", "total": 80, "lines": [{"sku": "DR-1", "grams": 2000, "price": 40}]}""");
            MappedPayload po = use(oa, form);
            assertThat(po.version()).isEqualTo(2);
            assertThat(oa.service(Mappings.class).statuses(Actor.system("acme"))).extracting(MappingStatus::state)
                    .containsExactly(MappingStatus.State.PASSED);
            RemoteWrites writes = oa.service(RemoteWrites.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> writes.byKey(Actor.system("acme"), "erpnext", "purchase-order", "PR-2026-0042")
                    .orElseThrow().status() == WriteStatus.CONFIRMED);
            assertThat(erp.documents("Purchase Order")).singleElement().satisfies(d -> {
                assertThat(d).containsEntry("custom_oakit_key", "PR-2026-0042").containsEntry("supplier", "Acme Supplies");
                assertThat(d.get("items").toString()).contains("qty=2");
            });
        }
        RestConnector crm = rest(FieldMapping.parse("contact", """
                {mapping: contact, version: 1, target: crm, entity: contact, local: {name: string}, fields: [{from: name, to: name}]}"""),
                HttpAuth.NONE);
        assertThat(crm.creates()).extracting(c -> c.operation()).containsExactly("contact");
    }

    @Test
    void theDocShowsTheCompiledCodeAndTheMapping() throws Exception {
        Path doc = Path.of("../docs/integration.md");
        assertThat(DocSnippets.assertShown(doc, Path.of("src/test/java/dev/oakit/integration/docs/MappingDocsTest.java")))
                .containsExactly("register", "use", "rest");
        assertThat(DocSnippets.normalize(Files.readString(doc))).as("the mapping document shown is the one the tests use")
                .contains(DocSnippets.normalize(Files.readString(Path.of("src/test/resources/mappings/purchase-order.yaml"))));
    }
}
