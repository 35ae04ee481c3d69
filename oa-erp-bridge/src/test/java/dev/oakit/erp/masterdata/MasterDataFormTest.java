package dev.oakit.erp.masterdata;

import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.form.FormOptions;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DirectorySeed;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.PurchaseRequisition;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.StartRequest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The requisition form's vendor and cost centre offer the synced ERPNext records and refuse the others at start. */
class MasterDataFormTest {

    @DbTest
    void aDisabledSupplierIsRefusedAtStartAndAnActiveOneAccepted(TestDatabase db) {
        MasterErp erp = MasterErp.erpNext(db);
        String acme = erp.vendor("Acme Supplies");
        String old = erp.vendor("Old Supplies");
        erp.disableVendor(old);
        String workshop = erp.costCentre("Workshop");
        erp.clock.advance(Duration.ofSeconds(1));

        OaKit oa = MasterDataSyncTest.start(db, null, erp);
        DirectorySeed.of(oa.service(Directory.class), MasterDataSyncTest.ADMIN).department("ops", null, "Operations")
                .users("alice", "bob", "root").members("ops", "alice", "bob").head("ops", "bob")
                .role("purchasing", "Purchasing", "bob").admins("root");
        oa.service(ProcessDefinitions.class).deploy(MasterDataSyncTest.ADMIN, PurchaseRequisition.definition());
        MasterData md = oa.service(MasterData.class);
        md.sync(MasterDataSyncTest.SYSTEM, "erpnext", MasterKind.VENDOR);
        md.sync(MasterDataSyncTest.SYSTEM, "erpnext", MasterKind.COST_CENTRE);
        long callsBefore = erp.server().calls().size();

        FormSchema form = PurchaseRequisition.form();
        FormOptions options = oa.service(FormOptions.class);
        assertThat(options.options(MasterDataSyncTest.ALICE, form.field("vendor"))).containsExactly(new FieldOption(acme, "Acme Supplies"));
        assertThat(options.options(MasterDataSyncTest.ALICE, form.field("costCentre"))).extracting(FieldOption::value).contains(workshop);

        Approvals approvals = oa.service(Approvals.class);
        assertThatThrownBy(() -> approvals.start(MasterDataSyncTest.ALICE, StartRequest.of(PurchaseRequisition.KEY, form(old, workshop))))
                .isInstanceOf(ValidationException.class)
                .hasFieldOrPropertyWithValue("code", FormSchema.DATA_INVALID)
                .hasMessageContaining("vendor: '" + old + "' is no longer offered by source 'erp.vendor'");
        assertThatThrownBy(() -> approvals.start(MasterDataSyncTest.ALICE, StartRequest.of(PurchaseRequisition.KEY, form("Nobody Ltd", workshop))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("vendor: 'Nobody Ltd' is not an option of field 'vendor'; its options come from source 'erp.vendor'");

        long id = approvals.start(MasterDataSyncTest.ALICE, StartRequest.of(PurchaseRequisition.KEY, form(acme, workshop))).id();
        assertThat(id).isPositive();
        assertThat(erp.server().calls()).as("the form reads the synced copy, never the ERP").hasSize((int) callsBefore);
    }

    private static Map<String, Object> form(String vendor, String costCentre) {
        return Map.of("vendor", vendor, "currency", "EUR", "costCentre", costCentre,
                "lines", List.of(Map.of("item", "DR-1", "quantity", 2, "unitPrice", 40.5)));
    }
}
