package dev.oakit.http;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-http (layer 2: it uses the public API of oa-core, oa-workflow and oa-ticket). */
class HttpArchitectureTest {
    private static ModuleRules http;

    @BeforeAll
    static void load() {
        http = ModuleRules.of("dev.oakit.http", "OaHttpServlet", "OaHttpServer", "OaWorkbenchServlet");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptTheServletAndServerThatWireIt() {
        http.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void usesOnlyThePublicApiOfOtherModules() {
        http.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.workflow.internal..", "dev.oakit.ticket.internal..",
                "dev.oakit.integration..", "dev.oakit.erp..", "dev.oakit.crm..", "dev.oakit.fakes..");
    }

    @Test
    void noSystemOut() {
        http.noStandardStreams();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        http.publicApiAndSpiTypesDeclareTheirStability();
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        http.errorCodesAreATypeOfTheirOwn(HttpErrors.class, "OA-HTTP");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        http.noPackageCycles();
    }

    @Test
    void internalNeverDependsOnTheServletOrServer() {
        http.internalNeverDependsOnTheWiring(true);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        http.everyPackageSaysWhatItIsFor();
    }

    @Test
    void asksCoreWhichDatabaseItRunsOn() {
        http.asksCoreWhichDatabase();
    }
}
