package dev.oakit.integration.amqp;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-integration-amqp (layer 1, beside oa-integration: it depends on oa-integration's API and SPI and on oa-core). */
class AmqpArchitectureTest {
    private static ModuleRules amqp;

    @BeforeAll
    static void load() {
        amqp = ModuleRules.of("dev.oakit.integration.amqp", "AmqpPlugin");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        amqp.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void usesNoInternalOfCoreAndNoOtherFeatureModule() {
        amqp.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.integration.internal..", "dev.oakit.workflow..", "dev.oakit.ticket..",
                "dev.oakit.erp..", "dev.oakit.crm..");
    }

    @Test
    void noSystemOut() {
        amqp.noStandardStreams();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        amqp.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        amqp.sqlNamesOnlyTablesOf("oa_int_amqp_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        amqp.errorCodesAreATypeOfTheirOwn(AmqpErrors.class, "OA-AMQP");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        amqp.noPackageCycles();
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        amqp.internalNeverDependsOnTheWiring(true);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        amqp.everyPackageSaysWhatItIsFor();
    }

    @Test
    void facadeImplementationsAreServices() {
        amqp.facadeImplementationsAreServices();
    }
}
