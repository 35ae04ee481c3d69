package dev.oakit.fakes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The test kit stands alone: no other OAKit module, the two fakes independent, public types marked. */
class FakesArchitectureTest {
    private static JavaClasses fakes;

    @BeforeAll
    static void load() {
        fakes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.fakes");
    }

    @Test
    void dependsOnNoOtherOakitModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.oakit.core..", "dev.oakit.workflow..",
                "dev.oakit.ticket..", "dev.oakit.integration..", "dev.oakit.erp..", "dev.oakit.crm..").check(fakes);
    }

    @Test
    void theTwoFakesAreIndependent() {
        noClasses().that().resideInAPackage("dev.oakit.fakes.odoo..").should().dependOnClassesThat()
                .resideInAPackage("dev.oakit.fakes.erpnext..").check(fakes);
        noClasses().that().resideInAPackage("dev.oakit.fakes.erpnext..").should().dependOnClassesThat()
                .resideInAPackage("dev.oakit.fakes.odoo..").check(fakes);
    }

    @Test
    void publicTypesCarryTheirStability() {
        classes().that().arePublic().and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class).check(fakes);
        classes().that().arePublic().and().areNestedClasses().and().doNotHaveModifier(JavaModifier.PRIVATE)
                .should().beAnnotatedWith(API.class).allowEmptyShould(true).check(fakes);
    }

    @Test
    void noStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(fakes);
    }
}
