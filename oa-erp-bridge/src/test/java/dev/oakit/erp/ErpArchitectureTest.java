package dev.oakit.erp;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-erp-bridge (layer 2: it uses the public API of oa-workflow, oa-ticket and oa-integration). */
class ErpArchitectureTest {
    private static ModuleRules erp;

    @BeforeAll
    static void load() {
        erp = ModuleRules.of("dev.oakit.erp", "ErpBridgePlugin");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        erp.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void usesOnlyThePublicApiOfOtherModules() {
        erp.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.workflow.internal..", "dev.oakit.integration.internal..", "dev.oakit.ticket.internal..",
                "dev.oakit.crm..", "dev.oakit.fakes..");
    }

    @Test
    void noSystemOut() {
        erp.noStandardStreams();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        erp.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        erp.sqlNamesOnlyTablesOf("oa_erp_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        erp.errorCodesAreATypeOfTheirOwn(ErpErrors.class, "OA-ERP");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        erp.noPackageCycles();
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        // not the sources: internal's error messages name ErpBridgePlugin's methods to tell the fix
        erp.internalNeverDependsOnTheWiring(false);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        erp.everyPackageSaysWhatItIsFor();
    }

    @Test
    void facadeImplementationsAreServices() {
        erp.facadeImplementationsAreServices();
    }

    @Test
    void asksCoreWhichDatabaseItRunsOn() {
        erp.asksCoreWhichDatabase();
    }
}
