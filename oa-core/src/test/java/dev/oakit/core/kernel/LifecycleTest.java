package dev.oakit.core.kernel;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.OaException;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.job.Jobs;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Using OAKit's services outside start() … close() fails at once, with a code and the right advice. */
class LifecycleTest {
    private final Actor admin = Actor.admin("t", "admin");

    @Test
    void aServiceUsedBeforeStartFailsWithNotStarted(@TempDir Path dir) {
        try (OaKit oa = OaKit.builder().config("core", TestDatabase.ANY_TENANT).dataDirectory(dir).build()) {
            Jobs jobs = oa.service(Jobs.class); // a reference may be taken before start (the Guice door injects it)
            assertThatThrownBy(() -> jobs.counts(admin))
                    .isInstanceOf(ConflictException.class)
                    .satisfies(e -> assertThat(((OaException) e).code()).isEqualTo(CoreErrors.NOT_STARTED))
                    .hasMessageContaining("not started")
                    .hasMessageContaining("call start()");
        }
    }

    @Test
    void aServiceUsedAfterCloseFailsWithClosedAndDoesNotSayCallStart(@TempDir Path dir) {
        OaKit oa = OaKit.builder().config("core", TestDatabase.ANY_TENANT).dataDirectory(dir).build().start();
        Jobs jobs = oa.service(Jobs.class);
        AuditLog audit = oa.service(AuditLog.class);
        assertThat(jobs.counts(admin)).isNotEmpty();
        oa.close();
        assertThatThrownBy(() -> jobs.counts(admin))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((OaException) e).code()).isEqualTo(CoreErrors.CLOSED))
                .hasMessageContaining("closed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("call start()"));
        assertThatThrownBy(() -> audit.verify(admin))
                .satisfies(e -> assertThat(((OaException) e).code()).isEqualTo(CoreErrors.CLOSED));
        assertThatThrownBy(() -> oa.service(Jobs.class))
                .as("asking a closed OAKit for a service fails at once")
                .satisfies(e -> assertThat(((OaException) e).code()).isEqualTo(CoreErrors.CLOSED));
    }

    @Test
    void aClosedOaKitStartedAgainServesAgain(@TempDir Path dir) {
        OaKit oa = OaKit.builder().config("core", TestDatabase.ANY_TENANT).dataDirectory(dir).build().start();
        Jobs jobs = oa.service(Jobs.class);
        oa.close();
        try (OaKit again = oa.start()) {
            assertThat(jobs.counts(admin)).isNotEmpty();
        }
    }
}
