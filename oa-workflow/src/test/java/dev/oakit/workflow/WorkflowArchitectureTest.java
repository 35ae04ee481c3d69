package dev.oakit.workflow;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-workflow. */
class WorkflowArchitectureTest {
    private static ModuleRules workflow;

    @BeforeAll
    static void load() {
        workflow = ModuleRules.of("dev.oakit.workflow", "WorkflowPlugin");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        workflow.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void workflowUsesNoInternalOfCoreAndNoOtherFeatureModule() {
        workflow.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.ticket..", "dev.oakit.erp..", "dev.oakit.crm..");
    }

    @Test
    void noSystemOut() {
        workflow.noStandardStreams();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        workflow.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        workflow.sqlNamesOnlyTablesOf("oa_wf_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        workflow.errorCodesAreATypeOfTheirOwn(WorkflowErrors.class, "OA-WF");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        workflow.noPackageCycles();
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        workflow.internalNeverDependsOnTheWiring(true);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        workflow.everyPackageSaysWhatItIsFor();
    }

    @Test
    void facadeImplementationsAreServices() {
        workflow.facadeImplementationsAreServices();
    }

    @Test
    void asksCoreWhichDatabaseItRunsOn() {
        workflow.asksCoreWhichDatabase();
    }
}
