package dev.oakit.core;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;

/** The package rules of DESIGN.md, as tests. */
class ArchitectureTest {
    private static ModuleRules core;

    @BeforeAll
    static void load() {
        // OaKitBuilder, OaKitSettings and OaKitModule hand the host's settings to the internal bootstrap;
        // no internal type appears in any public signature. MetricsPlugin is the door of the optional
        // Micrometer binding, wiring its internal meters like a feature module's plugin class.
        core = ModuleRules.of("dev.oakit.core", "OaKitBuilder", "OaKitSettings", "OaKitModule", "metrics.MetricsPlugin");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptTheTwoDoors() {
        core.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void coreDependsOnNoFeatureModule() {
        core.dependsOnNoneOf("dev.oakit.workflow..", "dev.oakit.ticket..", "dev.oakit.erp..", "dev.oakit.crm..");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        // the doors wire the internal bootstrap; OaKit.builder() hands out the first of them
        core.packageCycles().ignoreDependency(equivalentTo(OaKit.class), equivalentTo(OaKitBuilder.class)).check(core.classes());
    }

    @Test
    void internalNeverDependsOnTheDoorsThatWireIt() {
        // internal's sources may name the doors (the bootstrap's package-info says who calls it)
        core.internalNeverDependsOnTheWiring(false);
    }

    @Test
    void onlyTheMetricsBindingNeedsMicrometer() {
        // micrometer-core is optional: a host without it must be able to load everything else, the health check included
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideOutsideOfPackages("dev.oakit.core.metrics..", "dev.oakit.core.internal.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(core.classes());
    }

    @Test
    void noSystemOutOrErrInMainCode() {
        core.noStandardStreams();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        core.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        core.sqlNamesOnlyTablesOf("oa_core_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        core.errorCodesAreATypeOfTheirOwn(CoreErrors.class, "OA-CORE");
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        core.everyPackageSaysWhatItIsFor();
    }

    @Test
    void facadeImplementationsAreServices() {
        core.facadeImplementationsAreServices();
    }

    @Test
    void asksCoreWhichDatabaseItRunsOn() {
        // the one place: Database reads it when it opens, and tells everyone else (OaDatabase)
        core.asksCoreWhichDatabase("Database");
    }
}
