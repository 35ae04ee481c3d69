package dev.oakit.testing;

import dev.oakit.core.testing.ModuleRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md for oa-testing. */
class TestingArchitectureTest {
    private static ModuleRules testing;

    @BeforeAll
    static void load() {
        testing = ModuleRules.of("dev.oakit.testing", "OaKitExtension", "OaKitHostExtension");
    }

    @Test
    void apiNeverImportsInternalExceptTheExtensionThatWiresIt() {
        testing.apiAndSpiNeverImportInternalExceptTheWiring();
    }

    @Test
    void usesNoInternalOfOtherModules() {
        testing.dependsOnNoneOf("dev.oakit.core.internal..", "dev.oakit.workflow.internal..");
    }

    /** oa-testing owns no table: what it reads of OAKit it reads through the modules' public services. */
    @Test
    void namesNoTableOfAnotherModule() {
        testing.sqlNamesOnlyTablesOf("oa_testing_");
    }

    @Test
    void noSystemOut() {
        testing.noStandardStreams();
    }

    @Test
    void everyPublicApiTypeDeclaresItsStability() {
        testing.publicApiAndSpiTypesDeclareTheirStability();
    }

    /** {@code @OaKitTest} names its extension ({@code @ExtendWith}), as JUnit's composed annotations do: that edge alone is allowed. */
    @Test
    void noPackageCycles() {
        testing.packageCycles().ignoreDependency(OaKitTest.class, OaKitExtension.class).allowEmptyShould(true).check(testing.classes());
    }

    @Test
    void internalNeverDependsOnTheExtension() {
        testing.internalNeverDependsOnTheWiring(true);
    }
}
