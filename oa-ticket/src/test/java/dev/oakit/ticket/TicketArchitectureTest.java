package dev.oakit.ticket;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.oakit.core.testing.ErrorCodeRules;
import dev.oakit.core.testing.ModuleSources;
import dev.oakit.core.testing.TableOwnership;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
    void noPackageCycles() {
        slices().matching("dev.oakit.ticket.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(ticket);
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
