package dev.oakit.ticket;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the ticket implementation (docs/architecture.md, "Tickets"): the deciders write nothing; each table's
 * statements live in its repository, and the repositories know nothing above them.
 */
class TicketLayersTest {
    private static JavaClasses ticket;

    @BeforeAll
    static void load() {
        ticket = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.ticket");
    }

    @Test
    void theDecidersReachNoDatabaseAndNoCommand() {
        noClasses().that().resideInAPackage("..ticket.internal.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "..ticket.internal.runner..",
                        "dev.oakit.ticket.internal")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.oakit.core.spi.CommandContext")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.oakit.core.spi.Commands")
                .check(ticket);
    }

    @Test
    void theLayersPointOneWay() {
        // the wiring-level classes of internal use runner, command and store; never the other way round
        noClasses().that().resideInAnyPackage("..ticket.internal.runner..", "..ticket.internal.command..", "..ticket.internal.store..",
                        "..ticket.internal.report..")
                .should().dependOnClassesThat().resideInAPackage("dev.oakit.ticket.internal")
                .check(ticket);
        slices().matching("dev.oakit.ticket.internal.(*)..").should().beFreeOfCycles().check(ticket);
    }

    @Test
    void onlyTheRepositoriesIssueStatements() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .and().doNotHaveSimpleName("ReportEngine") // the reports: reads only
                .and().doNotHaveSimpleName("MailText") // asks the database's own catalog about character sets, no table of ours
                .should().callMethodWhere(target(owner(assignableTo(Handle.class)))
                        .and(target(nameMatching("createQuery|createUpdate|createCall|prepareBatch|createScript|select|execute"))))
                .check(ticket);
    }

    @Test
    void theRepositoriesKnowNothingAboveThem() {
        noClasses().that().resideInAPackage("..ticket.internal.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.oakit.ticket.internal", "dev.oakit.ticket.internal.command..",
                        "dev.oakit.ticket.internal.runner..")
                .check(ticket);
    }
}
