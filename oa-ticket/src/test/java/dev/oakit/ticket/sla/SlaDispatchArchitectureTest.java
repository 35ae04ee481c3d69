package dev.oakit.ticket.sla;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The pure cores of oa-ticket (SLA clock, dispatch and its SPI) stay pure: no internals, no I/O, no printing. */
class SlaDispatchArchitectureTest {
    static final JavaClasses CORES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.oakit.ticket.sla", "dev.oakit.ticket.dispatch", "dev.oakit.ticket.spi");

    @Test
    void noInternalsNoDatabaseNoOtherFeatureModuleNoPrinting() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..", "org.jdbi..", "java.sql..",
                        "dev.oakit.workflow..", "dev.oakit.erp..", "dev.oakit.crm..")
                .orShould().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(CORES);
    }

    @Test
    void noSystemClock() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(CORES);
    }

    @Test
    void everyPublicTopLevelTypeDeclaresItsStability() {
        classes().that().arePublic().and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class).check(CORES);
    }

    @Test
    void theSlaClockKnowsNothingOfDispatchAndTheSpiNeedsNoImplementation() {
        slices().matching("dev.oakit.ticket.(*)..").should().beFreeOfCycles().check(CORES);
        noClasses().that().resideInAPackage("dev.oakit.ticket.sla..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.oakit.ticket.dispatch..", "dev.oakit.ticket.spi..")
                .check(CORES);
    }
}
