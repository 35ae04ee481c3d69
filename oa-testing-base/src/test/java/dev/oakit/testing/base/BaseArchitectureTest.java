package dev.oakit.testing.base;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module's rules: it knows nothing of OAKit (oa-core's own tests build on it, so it must not need oa-core), every
 * public type declares its stability, nothing writes to the standard streams. (oa-core's {@code ModuleRules} cannot
 * check it: that lives in oa-core's tests, which depend on this module.)
 */
class BaseArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.testing.base");
    }

    @Test
    void knowsNothingOfOakit() {
        noClasses().should().dependOnClassesThat(resideInAPackage("dev.oakit..").and(resideOutsideOfPackage("dev.oakit.testing.base..")))
                .check(main);
    }

    @Test
    void everyPublicTypeDeclaresItsStability() {
        classes().that().arePublic().and().areTopLevelClasses().and().doNotHaveSimpleName("package-info").should().beAnnotatedWith(API.class)
                .check(main);
    }

    @Test
    void noStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(main);
    }
}
