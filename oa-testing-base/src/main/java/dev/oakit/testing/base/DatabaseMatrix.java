package dev.oakit.testing.base;

import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The extension behind {@link DatabaseTest}: one run per selected database, the server's reachability checked
 * before each run, {@link TestSchema} and {@link Database} parameters. Other extensions (oa-testing's) ask it which
 * database the current run is on with {@link #database(ExtensionContext)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DatabaseMatrix implements TestTemplateInvocationContextProvider, BeforeEachCallback, ParameterResolver {
    private static final String DATABASE = "database";
    private static final String SCHEMA = "schema";

    /**
     * @return the database of the matrix run that {@code context} belongs to, or empty outside {@link DatabaseTest}
     */
    public static Optional<Database> database(ExtensionContext context) {
        return owner(context).map(c -> store(c).get(DATABASE, Database.class));
    }

    /**
     * The runs of a test template of another annotation than {@link DatabaseTest} (OAKit's own modules' {@code @DbTest}):
     * one per database of {@code databases} that is selected, each named after its database and known to
     * {@link #database(ExtensionContext)} and {@link #schema(ExtensionContext)}.
     *
     * @param databases the databases the test asks for (all when empty)
     */
    public static Stream<TestTemplateInvocationContext> runsOn(List<Database> databases) {
        Set<Database> selected = Database.selected();
        return (databases.isEmpty() ? Arrays.stream(Database.values()) : databases.stream()).distinct().filter(selected::contains).map(Run::new);
    }

    /**
     * @return the fresh schema of the matrix run that {@code context} belongs to, created at the first call of the run
     *     and dropped when the run ends
     * @throws org.opentest4j.TestAbortedException when the run's server does not answer (outside CI; see {@link Database#assumeReachable()})
     * @throws IllegalStateException outside a run of the matrix, or when the schema cannot be created
     */
    public static TestSchema schema(ExtensionContext context) {
        ExtensionContext owner = owner(context).orElseThrow(() -> new IllegalStateException(
                context.getDisplayName() + " is no run of the database matrix: annotate the test method with @DatabaseTest"));
        Database database = store(owner).get(DATABASE, Database.class);
        database.assumeReachable();
        // closed (the schema dropped) with the run's context, since TestSchema is AutoCloseable
        return store(owner).getOrComputeIfAbsent(SCHEMA, k -> {
            try {
                return TestSchema.open(database);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a fresh schema on " + database.label() + ": " + e.getMessage(), e);
            }
        }, TestSchema.class);
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, DatabaseTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return runsOn(List.of(AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), DatabaseTest.class).orElseThrow().only()));
    }

    /** A test limited to databases that {@code OAKIT_TEST_DATABASES} leaves out runs no invocation. */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database(context).ifPresent(Database::assumeReachable);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestSchema.class || type == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext owner = owner(context).orElseThrow(() -> new ParameterResolutionException(
                parameter.getDeclaringExecutable() + " takes a " + parameter.getParameter().getType().getSimpleName()
                        + " outside a database run: annotate the method with @DatabaseTest"));
        return parameter.getParameter().getType() == Database.class ? store(owner).get(DATABASE, Database.class) : schema(owner);
    }

    /** @return the nearest context, from {@code context} outwards, that is a run of the matrix (a parameter of a run's method resolves in a child context) */
    private static Optional<ExtensionContext> owner(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (store(c).get(DATABASE) != null) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A store of the context's own, which the contexts inside it do not see (they would inherit a plain one). */
    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(DatabaseMatrix.class, context.getUniqueId()));
    }

    /** One run of a method on one database. */
    private record Run(Database database) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + database.label() + "]";
        }

        @Override
        public void prepareInvocation(ExtensionContext context) {
            store(context).put(DATABASE, database);
        }
    }
}
