package dev.oakit.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.oakit.core.testing.ErrorCodeRules;
import dev.oakit.core.testing.Facades;
import dev.oakit.core.testing.ModuleSlices;
import dev.oakit.core.testing.ModuleSources;
import dev.oakit.core.testing.TableOwnership;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The package rules of DESIGN.md, as tests. */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void load() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.core");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptTheTwoDoors() {
        // OaKitBuilder, OaKitSettings and OaKitModule hand the host's settings to the internal bootstrap;
        // no internal type appears in any public signature.
        ArchRule rule = noClasses().that().resideOutsideOfPackage("..internal..")
                .and().doNotHaveSimpleName("OaKitBuilder").and().doNotHaveSimpleName("OaKitSettings")
                .and().doNotHaveSimpleName("OaKitModule").and().doNotHaveSimpleName("OaKitModule$Builder")
                .should().dependOnClassesThat().resideInAPackage("..internal..");
        rule.check(core);
    }

    @Test
    void coreDependsOnNoFeatureModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.oakit.workflow..", "dev.oakit.ticket..",
                "dev.oakit.erp..", "dev.oakit.crm..").check(core);
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        // the doors wire the internal bootstrap; OaKit.builder() hands out the first of them
        slices().assignedFrom(new ModuleSlices("dev.oakit.core", Set.of("OaKitBuilder", "OaKitSettings", "OaKitModule")))
                .should().beFreeOfCycles()
                .ignoreDependency(com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(OaKit.class),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(OaKitBuilder.class))
                .check(core);
    }

    @Test
    void internalNeverDependsOnTheDoorsThatWireIt() {
        noClasses().that().resideInAPackage("..internal..").should().dependOnClassesThat()
                .haveSimpleNameStartingWith("OaKitBuilder").orShould().dependOnClassesThat().haveSimpleNameStartingWith("OaKitSettings")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("OaKitModule")
                .orShould().dependOnClassesThat().implement(dev.oakit.core.spi.OaPlugin.class)
                .check(core);
    }

    @Test
    void noSystemOutOrErrInMainCode() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(core);
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class).check(core);
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        TableOwnership.assertOnlyOwnTables(ModuleSources.ofThisModule(), "oa_core_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        ErrorCodeRules.assertCodesAreATypeOfTheirOwn(ModuleSources.ofThisModule(), CoreErrors.class, "OA-CORE");
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        assertThat(ModuleSources.ofThisModule().packagesWithoutDescription()).as("packages without a package-info.java sentence").isEmpty();
    }

    @Test
    void facadeImplementationsAreServices() {
        classes().that().resideInAPackage("..internal..").and(Facades.implementAHostFacade())
                .should().haveSimpleNameEndingWith("Service").check(core);
    }
}
