package dev.oakit.workflow;

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

/** The shape of the engine (docs/architecture.md): the decider writes nothing; each table's statements live in its repository. */
class WorkflowLayersTest {
    private static JavaClasses workflow;

    @BeforeAll
    static void load() {
        workflow = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.oakit.workflow");
    }

    @Test
    void theDeciderAndThePreviewReachNoDatabaseAndNoCommand() {
        noClasses().that().resideInAnyPackage("..internal.engine..", "..internal.preview..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "..internal.runner..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.oakit.core.spi.CommandContext")
                .check(workflow);
    }

    @Test
    void onlyTheRepositoriesIssueStatements() {
        noClasses().that().haveSimpleNameNotEndingWith("Repository")
                .and().doNotHaveSimpleName("DefinitionService") // the definitions' repository and cache
                .and().doNotHaveSimpleName("StatisticsService") // the reports: reads only
                .should().callMethodWhere(target(owner(assignableTo(Handle.class)))
                        .and(target(nameMatching("createQuery|createUpdate|createCall|prepareBatch|createScript|select|execute"))))
                .check(workflow);
    }
}
