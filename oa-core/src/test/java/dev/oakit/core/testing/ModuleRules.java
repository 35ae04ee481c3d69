package dev.oakit.core.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SliceRule;
import dev.oakit.core.spi.OaPlugin;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules of DESIGN.md that every module checks on its own main classes, written once:
 * a module's architecture test names its root package and the classes of the root that wire
 * {@code internal} (its plugins, or oa-core's builder doors), then calls one method per rule.
 * The classes are imported once, and an import that finds none fails, so a rule whose subject
 * happens to be empty in one module (no facade, no plugin in internal's reach) passes rather than
 * failing for want of classes.
 */
public final class ModuleRules {
    private final String root;
    private final List<String> wiring;
    private final JavaClasses classes;

    private ModuleRules(String root, List<String> wiring, JavaClasses classes) {
        this.root = root;
        this.wiring = wiring;
        this.classes = classes;
    }

    /**
     * Imports the main classes (no tests) under {@code root}.
     *
     * @param root the module's root package, e.g. {@code dev.oakit.workflow}
     * @param wiring the simple names of the root package's classes that wire {@code internal}; their nested classes go with them
     */
    public static ModuleRules of(String root, String... wiring) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
        assertThat(classes).as("main classes under " + root).isNotEmpty();
        return new ModuleRules(root, List.of(wiring), classes);
    }

    /** @return the module's main classes, for the rules of one module */
    public JavaClasses classes() {
        return classes;
    }

    /** API and SPI never import {@code internal}; only the wiring classes may. */
    public void apiAndSpiNeverImportInternalExceptTheWiring() {
        noClasses().that().resideOutsideOfPackage("..internal..").and().haveNameNotMatching(wiringNames())
                .should().dependOnClassesThat().resideInAPackage("..internal..").allowEmptyShould(true).check(classes);
    }

    /** No class of the module depends on these packages (another module, oa-core's {@code internal} ...). */
    public void dependsOnNoneOf(String... packages) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(packages).check(classes);
    }

    /**
     * Which database OAKit runs on is oa-core's answer, read once when the database opens ({@code OaDatabase} for
     * plugins): no class reads the product name from the JDBC metadata itself, except those named.
     *
     * @param except simple names of top-level classes of the root's packages allowed to, with their nested classes
     */
    public void asksCoreWhichDatabase(String... except) {
        String allowed = except.length == 0 ? "$^" : ".*\\.(" + String.join("|", except) + ")(\\$.*)?";
        noClasses().that().haveNameNotMatching(allowed)
                .should().callMethod(java.sql.DatabaseMetaData.class, "getDatabaseProductName").check(classes);
    }

    /** No {@code System.out} or {@code System.err}. */
    public void noStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(classes);
    }

    /** Every public top-level type outside {@code internal} carries {@code @API}. */
    public void publicApiAndSpiTypesDeclareTheirStability() {
        ArchRuleDefinition.classes().that().resideOutsideOfPackage("..internal..").and().arePublic().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info").should().beAnnotatedWith(API.class).check(classes);
    }

    /**
     * @param above the root package's facades over its API sub-packages (see {@link ModuleSlices})
     * @return the rule that the module's packages, its root's API and its wiring as slices are free of
     *     cycles, not checked yet (to add what a module ignores); check it on {@link #classes()}
     */
    public SliceRule packageCycles(String... above) {
        return slices().assignedFrom(new ModuleSlices(root, Set.copyOf(wiring), Set.of(above))).should().beFreeOfCycles();
    }

    /** No package cycles, the root package included (see {@link #packageCycles}). */
    public void noPackageCycles(String... above) {
        packageCycles(above).allowEmptyShould(true).check(classes);
    }

    /**
     * {@code internal} never depends on what wires it: no plugin, no wiring class. javac copies a
     * plugin's constants into the classes that use them, so ArchUnit sees no dependency on them:
     * with {@code sourcesToo} the sources of {@code internal} must not name a wiring class either.
     */
    public void internalNeverDependsOnTheWiring(boolean sourcesToo) {
        noClasses().that().resideInAPackage("..internal..").should().dependOnClassesThat().implement(OaPlugin.class)
                .orShould().dependOnClassesThat().haveNameMatching(wiringNames()).allowEmptyShould(true).check(classes);
        if (sourcesToo && !wiring.isEmpty()) {
            Pattern named = Pattern.compile("\\b(" + String.join("|", wiring) + ")\\b");
            assertThat(ModuleSources.ofThisModule().javaFiles()).filteredOn(f -> f.path().toString().contains("/internal/"))
                    .filteredOn(f -> named.matcher(f.code()).find()).extracting(f -> f.path().toString())
                    .as("internal classes that name " + wiring).isEmpty();
        }
    }

    /** Every package has a {@code package-info.java} with a sentence. */
    public void everyPackageSaysWhatItIsFor() {
        assertThat(ModuleSources.ofThisModule().packagesWithoutDescription()).as("packages without a package-info.java sentence").isEmpty();
    }

    /** A class of {@code internal} that implements a host facade is a {@code ...Service} (see {@link Facades}). */
    public void facadeImplementationsAreServices() {
        ArchRuleDefinition.classes().that().resideInAPackage("..internal..").and(Facades.implementAHostFacade())
                .should().haveSimpleNameEndingWith("Service").allowEmptyShould(true).check(classes);
    }

    /** The module's SQL names only tables with its prefix (see {@link TableOwnership}). */
    public void sqlNamesOnlyTablesOf(String prefix) {
        TableOwnership.assertOnlyOwnTables(ModuleSources.ofThisModule(), prefix);
    }

    /** The module's error codes are constants of one type (see {@link ErrorCodeRules}). */
    public void errorCodesAreATypeOfTheirOwn(Class<?> codes, String prefix) {
        ErrorCodeRules.assertCodesAreATypeOfTheirOwn(ModuleSources.ofThisModule(), codes, prefix);
    }

    /** @return a pattern of the wiring classes' names and their nested classes' (none: a name no class has) */
    private String wiringNames() {
        return wiring.isEmpty() ? "$^" : Pattern.quote(root) + "\\.(" + String.join("|", wiring) + ")(\\$.*)?";
    }
}
