package dev.oakit.testing;

import dev.oakit.core.spi.OaPlugin;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against OAKit on a fresh in-memory H2 database (with {@code perMethod = true}, its
 * {@link dev.oakit.testing.base.DatabaseTest} methods on each database of the matrix); see {@link OaKitExtension} for
 * what it boots, deploys and injects, and {@link OaKitExtension#builder()} for a DataSource of the test's own.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OaKitExtension.class)
public @interface OaKitTest {
    /** Plugins to install (each needs a public no-argument constructor), e.g. {@code WorkflowPlugin.class}. */
    Class<? extends OaPlugin>[] plugins() default {};

    /** The tenant the test acts in; created at start. */
    String tenant() default "acme";

    /** The class-path folder whose {@code .json}, {@code .yaml} and {@code .yml} process definitions are deployed at start. */
    String definitions() default OaKitExtension.DEFAULT_DEFINITIONS;

    /**
     * A fresh database and OAKit for every test method instead of one per class; needed by
     * {@link dev.oakit.testing.base.DatabaseTest} methods, whose every run boots OAKit on that run's database.
     */
    boolean perMethod() default false;
}
