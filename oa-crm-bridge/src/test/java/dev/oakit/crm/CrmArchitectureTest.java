package dev.oakit.crm;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-crm-bridge (layer 2: it uses the public API of oa-workflow, oa-ticket and oa-integration). */
class CrmArchitectureTest {
    private static ModuleRules crm;

    @BeforeAll
    static void load() {
        crm = ModuleRules.of("dev.oakit.crm", "CrmBridgePlugin");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        crm.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void usesOnlyThePublicApiOfOtherModules() {
        crm.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.workflow.internal..", "dev.oakit.ticket.internal..",
                "dev.oakit.integration.internal..", "dev.oakit.erp..", "dev.oakit.fakes..");
    }

    @Test
    void noSystemOut() {
        crm.noStandardStreams();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        crm.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        crm.sqlNamesOnlyTablesOf("oa_crm_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        crm.errorCodesAreATypeOfTheirOwn(CrmErrors.class, "OA-CRM");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        crm.noPackageCycles();
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        // not the sources: internal's error messages name CrmBridgePlugin to tell the fix
        crm.internalNeverDependsOnTheWiring(false);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        crm.everyPackageSaysWhatItIsFor();
    }

    @Test
    void facadeImplementationsAreServices() {
        crm.facadeImplementationsAreServices();
    }

    @Test
    void asksCoreWhichDatabaseItRunsOn() {
        crm.asksCoreWhichDatabase();
    }
}
