package dev.oakit.core.testing;

import dev.oakit.testing.base.Database;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Runs a {@link DbTest} once per database on the published matrix of oa-testing-base
 * ({@link dev.oakit.testing.base.DatabaseMatrix}: the same selection, reachability rules, display names and fresh
 * schemas as hosts' {@code @DatabaseTest}), and hands the test a {@link TestDatabase} on the run's schema.
 */
public final class DatabaseMatrix implements TestTemplateInvocationContextProvider, BeforeEachCallback, ParameterResolver {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(DbTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        DbTest ann = context.getRequiredTestMethod().getAnnotation(DbTest.class);
        return dev.oakit.testing.base.DatabaseMatrix.runsOn(Arrays.stream(ann.only()).map(TestDatabase.Kind::database).toList());
    }

    /** A test for one database only runs no invocation when {@code OAKIT_TEST_DATABASES} leaves that database out. */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true;
    }

    /** @return true when {@code OAKIT_TEST_DATABASES} (default all three) includes the database */
    public static boolean selected(TestDatabase.Kind kind) {
        return kind.database().isSelected();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        dev.oakit.testing.base.DatabaseMatrix.database(context).ifPresent(Database::assumeReachable);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return new TestDatabase(dev.oakit.testing.base.DatabaseMatrix.schema(e));
    }
}
