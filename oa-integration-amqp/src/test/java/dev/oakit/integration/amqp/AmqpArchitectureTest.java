package dev.oakit.integration.amqp;

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

/** The package rules of DESIGN.md for oa-integration-amqp (layer 1, beside oa-integration: it depends on oa-integration's API and SPI and on oa-core). */
class AmqpArchitectureTest {
    private static JavaClasses integration;

    @BeforeAll
    static void load() {
        integration = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.oakit.integration.amqp");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        noClasses().that().resideOutsideOfPackage("..internal..").and().haveNameNotMatching("dev\\.oakit\\.integration\\.amqp\\.AmqpPlugin.*")
                .should().dependOnClassesThat().resideInAPackage("..internal..").check(integration);
    }

    @Test
    void usesNoInternalOfCoreAndNoOtherFeatureModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.oakit.core.internal..", "dev.oakit.integration.internal..", "dev.oakit.workflow..",
                "dev.oakit.ticket..", "dev.oakit.erp..", "dev.oakit.crm..").check(integration);
    }

    @Test
    void noSystemOut() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(integration);
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info").should().beAnnotatedWith(API.class).check(integration);
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        TableOwnership.assertOnlyOwnTables(ModuleSources.ofThisModule(), "oa_int_amqp_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        ErrorCodeRules.assertCodesAreATypeOfTheirOwn(ModuleSources.ofThisModule(), AmqpErrors.class, "OA-AMQP");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        slices().assignedFrom(new ModuleSlices("dev.oakit.integration.amqp", Set.of("AmqpPlugin"))).should().beFreeOfCycles()
                .allowEmptyShould(true).check(integration);
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        noClasses().that().resideInAPackage("..internal..").should().dependOnClassesThat()
                .implement(dev.oakit.core.spi.OaPlugin.class).allowEmptyShould(true).check(integration);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        assertThat(ModuleSources.ofThisModule().packagesWithoutDescription()).as("packages without a package-info.java sentence").isEmpty();
    }

    @Test
    void facadeImplementationsAreServices() {
        classes().that().resideInAPackage("..internal..").and(Facades.implementAHostFacade())
                .should().haveSimpleNameEndingWith("Service").allowEmptyShould(true).check(integration);
    }
}
