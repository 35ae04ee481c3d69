package dev.oakit.core.form;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class FormArchitectureTest {
    static final JavaClasses FORMS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.oakit.core.form");

    @Test
    void formApiNeverImportsInternal() {
        noClasses().should().dependOnClassesThat().resideInAPackage("..internal..").check(FORMS);
    }

    @Test
    void everyPublicTypeDeclaresItsStability() {
        classes().that().arePublic().should().beAnnotatedWith(API.class).check(FORMS);
    }

    @Test
    void noConsoleOutput() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(FORMS);
    }
}
