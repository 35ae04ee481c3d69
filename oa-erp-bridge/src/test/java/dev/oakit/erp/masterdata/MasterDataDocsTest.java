package dev.oakit.erp.masterdata;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.ErpBridgePlugin;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.erp.erpnext.ErpNextMasterFeeds;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.workflow.WorkflowPlugin;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The master-data code of docs/erp-bridge.md is this class's code, compiled; and it runs against the fake ERPNext. */
class MasterDataDocsTest {
    static OaKit start(TestDatabase db, ErpNextConfig config) {
        return db.start(b -> b
                // tag::masterdata-install[]
                .plugin(new IntegrationPlugin())
                .plugin(new WorkflowPlugin())
                .plugin(new ErpBridgePlugin(new ErpNextConnector(config))
                        .masterData(ErpNextMasterFeeds.of(config)))   // Supplier, Item, Cost Center, Project, Employee
                // end::masterdata-install[]
        );
    }

    static List<FieldOption> use(OaKit oa, Actor system, Actor alice, Map<String, Object> form) {
        // tag::masterdata-use[]
        MasterData md = oa.service(MasterData.class);
        md.schedule(system, "erpnext", MasterKind.VENDOR, Duration.ofMinutes(5));     // now, then every 5 minutes
        SyncReport staff = md.sync(system, "erpnext", MasterKind.EMPLOYEE);           // now, linked to users by e-mail
        List<String> toFix = staff.unmatched();                                       // no user, or several: nobody is created

        List<FieldOption> vendors = md.options(alice, "erpnext", MasterKind.VENDOR);  // the active ones, for a select field
        md.require(alice, "erpnext", MasterKind.VENDOR, "vendor", (String) form.get("vendor"));
        // end::masterdata-use[]
        assertThat(toFix).isEmpty();
        return vendors;
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void theExampleRuns(TestDatabase db) {
        MasterErp erp = MasterErp.erpNext(db);
        String acme = erp.vendor("Acme Supplies");
        dev.oakit.fakes.erpnext.FakeErpNext fake = (dev.oakit.fakes.erpnext.FakeErpNext) erp.server();
        OaKit oa = start(db, ErpNextConfig.of("erpnext", fake.baseUri(), fake.apiKey(), fake.apiSecret()));
        MasterData md = oa.service(MasterData.class);
        md.sync(Actor.system("t1"), "erpnext", MasterKind.VENDOR); // the scheduled run may come later than the example's check
        List<FieldOption> vendors = use(oa, Actor.system("t1"), Actor.of("t1", "alice"), Map.of("vendor", acme));
        assertThat(vendors).extracting(FieldOption::label).containsExactly("Acme Supplies");
    }

    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/erp-bridge.md"),
                Path.of("src/test/java/dev/oakit/erp/masterdata/MasterDataDocsTest.java"))).hasSize(2);
    }
}
