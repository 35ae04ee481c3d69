package dev.oakit.workflow;

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
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The package rules of DESIGN.md for oa-workflow. */
class WorkflowArchitectureTest {
    private static JavaClasses workflow;

    @BeforeAll
    static void load() {
        workflow = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.workflow");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        noClasses().that().resideOutsideOfPackage("..internal..").and().haveNameNotMatching("dev\\.oakit\\.workflow\\.WorkflowPlugin.*")
                .should().dependOnClassesThat().resideInAPackage("..internal..").check(workflow);
    }

    @Test
    void workflowUsesNoInternalOfCoreAndNoOtherFeatureModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.oakit.core.internal..", "dev.oakit.ticket..",
                "dev.oakit.erp..", "dev.oakit.crm..").check(workflow);
    }

    @Test
    void noSystemOut() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(workflow);
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic().and().areTopLevelClasses()
                .should().beAnnotatedWith(API.class).check(workflow);
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        TableOwnership.assertOnlyOwnTables(ModuleSources.ofThisModule(), "oa_wf_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        ErrorCodeRules.assertCodesAreATypeOfTheirOwn(ModuleSources.ofThisModule(), WorkflowErrors.class, "OA-WF");
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        slices().assignedFrom(new ModuleSlices("dev.oakit.workflow", Set.of("WorkflowPlugin"))).should().beFreeOfCycles()
                .check(workflow);
    }

    @Test
    void internalNeverDependsOnThePluginThatWiresIt() {
        noClasses().that().resideInAPackage("..internal..").should().dependOnClassesThat()
                .implement(dev.oakit.core.spi.OaPlugin.class).check(workflow);
        // javac copies the plugin's constants into the classes that use them, so ArchUnit sees no
        // dependency on them: the sources show it
        Pattern plugin = Pattern.compile("\\bWorkflowPlugin\\b");
        assertThat(ModuleSources.ofThisModule().javaFiles()).filteredOn(f -> f.path().toString().contains("/internal/"))
                .filteredOn(f -> plugin.matcher(f.code()).find()).extracting(f -> f.path().toString())
                .as("internal classes that name the plugin").isEmpty();
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        assertThat(ModuleSources.ofThisModule().packagesWithoutDescription()).as("packages without a package-info.java sentence").isEmpty();
    }

    @Test
    void facadeImplementationsAreServices() {
        classes().that().resideInAPackage("..internal..").and(Facades.implementAHostFacade())
                .should().haveSimpleNameEndingWith("Service").check(workflow);
    }
}
