package dev.oakit.ticket;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.oakit.core.testing.ErrorCodeRules;
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

/** The package rules of DESIGN.md for oa-ticket. */
class TicketArchitectureTest {
    private static JavaClasses ticket;

    @BeforeAll
    static void load() {
        ticket = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.ticket");
    }

    @Test
    void apiAndSpiNeverImportInternalExceptThePluginThatWiresIt() {
        noClasses().that().resideOutsideOfPackage("..internal..").and().haveNameNotMatching("dev\\.oakit\\.ticket\\.(TicketPlugin|TicketChannelsPlugin).*")
                .should().dependOnClassesThat().resideInAPackage("..internal..").check(ticket);
    }

    @Test
    void ticketsUseNoInternalOfCoreAndNeitherWorkflowNorTheBridges() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.oakit.core.internal..", "dev.oakit.workflow..",
                "dev.oakit.erp..", "dev.oakit.crm..").check(ticket);
    }

    @Test
    void noSystemOut() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(ticket);
    }

    @Test
    void noPackageCyclesIncludingTheRootPackage() {
        // the API spans sub-packages: TicketRouting returns dispatch's and sla's records, the
        // channels' configuration holds mail's and webhook's; those stand on the root's records
        // (Priority, Ticket ...), and the hooks of spi take them
        slices().assignedFrom(new ModuleSlices("dev.oakit.ticket", Set.of("TicketPlugin", "TicketChannelsPlugin"),
                Set.of("TicketRouting", "TicketChannelsConfig"))).should().beFreeOfCycles().check(ticket);
    }

    @Test
    void internalNeverDependsOnThePluginsThatWireIt() {
        noClasses().that().resideInAPackage("..internal..").should().dependOnClassesThat()
                .implement(dev.oakit.core.spi.OaPlugin.class).check(ticket);
        // javac copies the plugins' constants into the classes that use them, so ArchUnit sees no
        // dependency on them: the sources show it
        Pattern plugin = Pattern.compile("\\b(TicketPlugin|TicketChannelsPlugin)\\b");
        assertThat(ModuleSources.ofThisModule().javaFiles()).filteredOn(f -> f.path().toString().contains("/internal/"))
                .filteredOn(f -> plugin.matcher(f.code()).find()).extracting(f -> f.path().toString())
                .as("internal classes that name a plugin").isEmpty();
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        assertThat(ModuleSources.ofThisModule().packagesWithoutDescription()).as("packages without a package-info.java sentence").isEmpty();
    }

    @Test
    void everyPublicApiAndSpiTypeDeclaresItsStability() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic().and().areTopLevelClasses()
                .should().beAnnotatedWith(API.class).check(ticket);
    }

    @Test
    void itsSqlNamesOnlyItsOwnTables() {
        TableOwnership.assertOnlyOwnTables(ModuleSources.ofThisModule(), "oa_tk_");
    }

    @Test
    void errorCodesAreATypeOfTheirOwn() {
        ErrorCodeRules.assertCodesAreATypeOfTheirOwn(ModuleSources.ofThisModule(), TicketErrors.class, "OA-TK");
    }
}
