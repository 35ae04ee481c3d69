package dev.oakit.core.testing;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once per database of the matrix (H2, PostgreSQL, MariaDB), each on a fresh
 * schema; the test method takes a {@link TestDatabase} parameter. The database name is in the
 * display name ({@code [postgresql]}) so reports show where each ran. An unreachable server is
 * skipped with a visible reason locally and fails the run when {@code CI=true}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseMatrix.class)
public @interface DbTest {
    /** Limits the test to some databases (default: all). */
    TestDatabase.Kind[] only() default {};
}
