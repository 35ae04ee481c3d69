package dev.oakit.spring;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for the Spring Boot starter. */
class SpringArchitectureTest {
    private static ModuleRules spring;

    @BeforeAll
    static void load() {
        spring = ModuleRules.of("dev.oakit.spring", "OaKitAutoConfiguration", "OaKitHealthAutoConfiguration");
    }

    @Test
    void apiNeverImportsInternalExceptTheAutoConfigurationThatWiresIt() {
        spring.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void theStarterUsesNoInternalOfCoreAndNoFeatureModule() {
        spring.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.workflow..", "dev.oakit.ticket..", "dev.oakit.integration..",
                "dev.oakit.erp..", "dev.oakit.crm..", "dev.oakit.http..");
    }

    @Test
    void noSystemOut() {
        spring.noStandardStreams();
    }

    @Test
    void everyPublicApiTypeDeclaresItsStability() {
        spring.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        spring.noPackageCycles();
    }

    @Test
    void internalNeverDependsOnTheAutoConfiguration() {
        spring.internalNeverDependsOnTheWiring(true);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        spring.everyPackageSaysWhatItIsFor();
    }
}
