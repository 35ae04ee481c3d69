package dev.oakit.core.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs a {@link DbTest} once per database; see there. */
public final class DatabaseMatrix implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(DbTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        DbTest ann = context.getRequiredTestMethod().getAnnotation(DbTest.class);
        List<TestDatabase.Kind> kinds = ann.only().length == 0 ? Arrays.asList(TestDatabase.Kind.values()) : Arrays.asList(ann.only());
        Set<String> selected = selected();
        String name = context.getDisplayName();
        return kinds.stream().filter(k -> selected.contains(k.label())).map(k -> new Invocation(k, name));
    }

    /** A test for one database only runs no invocation when {@code OAKIT_TEST_DATABASES} leaves that database out. */
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true;
    }

    /** @return true when {@code OAKIT_TEST_DATABASES} (default all three) includes the database */
    public static boolean selected(TestDatabase.Kind kind) {
        return selected().contains(kind.label());
    }

    /** {@code OAKIT_TEST_DATABASES=h2,postgresql} limits the matrix; default all three. */
    private static Set<String> selected() {
        String v = System.getenv("OAKIT_TEST_DATABASES");
        if (v == null || v.isBlank()) {
            v = System.getProperty("oakit.test.databases", "h2,postgresql,mariadb");
        }
        return Arrays.stream(v.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private record Invocation(TestDatabase.Kind kind, String testName) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.label() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((BeforeEachCallback) ctx -> {
                var why = Servers.unreachable(kind);
                if (why.isPresent()) {
                    if (Servers.ci()) {
                        throw new IllegalStateException("CI=true and " + why.get()
                                + "; start it (.ci/run does) or point OAKIT_TEST_* variables at it");
                    }
                    System.err.println("SKIPPED on " + kind.label() + ": " + why.get());
                    Assumptions.abort("SKIPPED: " + why.get() + " (set CI=true to fail instead)");
                }
            }, new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                    return p.getParameter().getType() == TestDatabase.class;
                }

                @Override
                public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                    ExtensionContext.Store store = e.getStore(ExtensionContext.Namespace.create(DatabaseMatrix.class, e.getUniqueId()));
                    return store.getOrComputeIfAbsent("db", k -> {
                        try {
                            return new Resource(new TestDatabase(kind));
                        } catch (Exception ex) {
                            throw new IllegalStateException("cannot create a fresh schema on " + kind.label() + ": " + ex.getMessage(), ex);
                        }
                    }, Resource.class).db();
                }
            });
        }
    }

    private record Resource(TestDatabase db) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            db.close();
        }
    }
}
