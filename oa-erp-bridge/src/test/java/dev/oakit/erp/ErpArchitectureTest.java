package dev.oakit.erp;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

/** The package rules of DESIGN.md for oa-erp-bridge (layer 2: it uses the public API of oa-workflow and oa-integration). */
class ErpArchitectureTest {
    private static JavaClasses erp;

    @BeforeAll
    static void load() {
        erp = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.erp");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        noClasses().that().resideOutsideOfPackage("..internal..").and().haveNameNotMatching("dev\\.oakit\\.erp\\.ErpBridgePlugin.*")
                .should().dependOnClassesThat().resideInAPackage("..internal..").check(erp);
    }

    @Test
    void usesOnlyThePublicApiOfOtherModules() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.oakit.core.internal..", "dev.oakit.workflow.internal..",
                "dev.oakit.integration.internal..", "dev.oakit.ticket..", "dev.oakit.crm..", "dev.oakit.fakes..").check(erp);
    }

    @Test
    void noSystemOut() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(erp);
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info").should().beAnnotatedWith(API.class).check(erp);
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        TableOwnership.assertOnlyOwnTables(ModuleSources.ofThisModule(), "oa_erp_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        ErrorCodeRules.assertCodesAreATypeOfTheirOwn(ModuleSources.ofThisModule(), ErpErrors.class, "OA-ERP");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        slices().assignedFrom(new ModuleSlices("dev.oakit.erp", Set.of("ErpBridgePlugin"))).should().beFreeOfCycles()
                .allowEmptyShould(true).check(erp);
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        noClasses().that().resideInAPackage("..internal..").should().dependOnClassesThat()
                .implement(dev.oakit.core.spi.OaPlugin.class).allowEmptyShould(true).check(erp);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        assertThat(ModuleSources.ofThisModule().packagesWithoutDescription()).as("packages without a package-info.java sentence").isEmpty();
    }

    @Test
    void facadeImplementationsAreServices() {
        classes().that().resideInAPackage("..internal..").and(Facades.implementAHostFacade())
                .should().haveSimpleNameEndingWith("Service").allowEmptyShould(true).check(erp);
    }
}
