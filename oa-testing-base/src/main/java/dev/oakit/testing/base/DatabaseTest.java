package dev.oakit.testing.base;

import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method once per selected {@link Database} of the matrix (H2, PostgreSQL, MariaDB; see {@link Database}
 * for how they are selected and found). The method, and the {@code @BeforeEach} / {@code @AfterEach} methods of each
 * run, may take a {@link TestSchema} (a fresh schema for that run, dropped afterwards) and the {@link Database} as
 * parameters; oa-testing's {@code @OaKitTest(perMethod = true)} boots OAKit on that schema.
 *
 * <p>Each run shows its database in its display name ({@code [postgresql]}). A selected server that does not answer
 * skips its runs with the reason, or fails them when {@code CI=true}.
 *
 * <p>Methods only, not classes: a JUnit class template would run a class's {@code @BeforeAll} once for all databases,
 * not once per database, which is what a class-wide setup on the matrix would need.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(DatabaseMatrix.class)
public @interface DatabaseTest {
    /** Limits the test to some databases (default: all that are selected). */
    Database[] only() default {};
}
