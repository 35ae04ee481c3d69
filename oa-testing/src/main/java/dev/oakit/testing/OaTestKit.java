package dev.oakit.testing;

import dev.oakit.testing.base.TestClock;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.workflow.ProcessDefinition;
import org.apiguardian.api.API;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * One running OAKit of a test: the instance, its clock, its database, and helpers. Injected by
 * {@link OaKitExtension} into fields and parameters of this type.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OaTestKit {
    /** @return the started OAKit */
    OaKit oa();

    /** @return the clock OAKit runs on */
    TestClock clock();

    /** @return the database OAKit runs on (the embedded H2 or the test's own) */
    DataSource dataSource();

    /** @return the tenant the test acts in */
    String tenant();

    /** @return an administrator of the tenant (acts without a directory entry): deploys, seeds the directory */
    Actor admin();

    /** @return a public service of OAKit or of an installed plugin */
    default <T> T service(Class<T> type) {
        return oa().service(type);
    }

    /** Deploys a process definition as {@link #admin()}; returns the deployed version. */
    int deploy(ProcessDefinition definition);

    /** @return helpers acting as {@code userId} of the tenant */
    UserActions as(String userId);

    /**
     * Runs every job that is due at the clock's time (deadline reminders, timeout ladders, SLA escalations,
     * event deliveries) and returns when none is left due, including jobs those jobs scheduled due now.
     *
     * @throws AssertionError when due jobs remain after 30 seconds (a job that keeps failing: see the dead jobs)
     */
    void runDueJobs();

    /** Moves the clock by {@code by}, then {@link #runDueJobs()}. */
    default void advance(Duration by) {
        clock().advance(by);
        runDueJobs();
    }
}
