package dev.oakit.ticket;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-ticket. */
class TicketArchitectureTest {
    private static ModuleRules ticket;

    @BeforeAll
    static void load() {
        ticket = ModuleRules.of("dev.oakit.ticket", "TicketPlugin", "TicketChannelsPlugin");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        ticket.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void ticketsUseNoInternalOfCoreAndNeitherWorkflowNorTheBridges() {
        ticket.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.workflow..", "dev.oakit.erp..", "dev.oakit.crm..");
    }

    @Test
    void noSystemOut() {
        ticket.noStandardStreams();
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        // the API spans sub-packages: TicketRouting returns dispatch's and sla's records, the
        // channels' configuration holds mail's and webhook's; those stand on the root's records
        // (Priority, Ticket ...), and the hooks of spi take them
        ticket.noPackageCycles("TicketRouting", "TicketChannelsConfig");
    }

    @Test
    void internalNeverDependsOnThePluginsThatWireIt() {
        ticket.internalNeverDependsOnTheWiring(true);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        ticket.everyPackageSaysWhatItIsFor();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        ticket.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        ticket.sqlNamesOnlyTablesOf("oa_tk_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        ticket.errorCodesAreATypeOfTheirOwn(TicketErrors.class, "OA-TK");
    }

    @Test
    void asksCoreWhichDatabaseItRunsOn() {
        ticket.asksCoreWhichDatabase();
    }
}
