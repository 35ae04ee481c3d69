package dev.oakit.core.calendar;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class CalendarArchitectureTest {

    static final JavaClasses CALENDAR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.oakit.core.calendar");

    @Test
    void apiDoesNotUseInternalsOrPrint() {
        noClasses().should().dependOnClassesThat().resideInAPackage("..internal..")
                .orShould().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(CALENDAR);
    }

    @Test
    void everyPublicTypeDeclaresItsStability() {
        classes().that().arePublic().and().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class)
                .check(CALENDAR);
    }
}
