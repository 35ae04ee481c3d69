package dev.oakit.fakes.salesforce;

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

/** The CRM test kit stands alone: no OAKit runtime module (only the ERP fakes' server and knobs), public types marked. */
class CrmFakesArchitectureTest {
    private static JavaClasses fakes;

    @BeforeAll
    static void load() {
        fakes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.oakit.fakes.salesforce");
    }

    @Test
    void dependsOnNoOakitRuntimeModuleNorOnTheErpFakesThemselves() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.oakit.core..", "dev.oakit.workflow..",
                "dev.oakit.ticket..", "dev.oakit.integration..", "dev.oakit.erp..", "dev.oakit.crm..",
                "dev.oakit.fakes.odoo..", "dev.oakit.fakes.erpnext..").allowEmptyShould(true).check(fakes);
    }

    @Test
    void publicTypesCarryTheirStability() {
        classes().that().arePublic().and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class).allowEmptyShould(true).check(fakes);
        classes().that().arePublic().and().areNestedClasses().and().doNotHaveModifier(JavaModifier.PRIVATE)
                .should().beAnnotatedWith(API.class).allowEmptyShould(true).check(fakes);
    }

    @Test
    void noStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.allowEmptyShould(true).check(fakes);
    }
}
