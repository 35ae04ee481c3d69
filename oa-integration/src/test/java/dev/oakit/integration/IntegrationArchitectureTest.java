package dev.oakit.integration;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-integration (layer 1: it depends on oa-core only). */
class IntegrationArchitectureTest {
    private static ModuleRules integration;

    @BeforeAll
    static void load() {
        integration = ModuleRules.of("dev.oakit.integration", "IntegrationPlugin");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        integration.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void usesNoInternalOfCoreAndNoOtherFeatureModule() {
        integration.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.workflow..", "dev.oakit.ticket..", "dev.oakit.erp..",
                "dev.oakit.crm..");
    }

    @Test
    void noSystemOut() {
        integration.noStandardStreams();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        integration.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        integration.sqlNamesOnlyTablesOf("oa_int_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        integration.errorCodesAreATypeOfTheirOwn(IntegrationErrors.class, "OA-INT");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        integration.noPackageCycles();
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        integration.internalNeverDependsOnTheWiring(true);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        integration.everyPackageSaysWhatItIsFor();
    }

    @Test
    void facadeImplementationsAreServices() {
        integration.facadeImplementationsAreServices();
    }

    @Test
    void asksCoreWhichDatabaseItRunsOn() {
        integration.asksCoreWhichDatabase();
    }
}
