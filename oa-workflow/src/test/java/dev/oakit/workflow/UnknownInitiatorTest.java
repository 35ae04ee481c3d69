package dev.oakit.workflow;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A leave request by a user the directory does not know is refused at the command boundary, naming the user; it
 * used to run until its manager could not be resolved and fail with NO_APPROVER, naming an instance its own
 * rollback had removed.
 */
class UnknownInitiatorTest {
    @DbTest
    void anInitiatorWhoIsNotInTheDirectoryIsRefusedBeforeAnyInstanceExists(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db.start(b -> b.plugin(new WorkflowPlugin())
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", true)))));
        f.definitions.deploy(f.admin, WorkflowFixture.leave());

        assertThatThrownBy(() -> f.approvals.start(WorkflowFixture.user("ghost"),
                StartRequest.of("leave", Map.of("type", "annual", "days", 1))))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo(CoreErrors.UNKNOWN_ACTOR))
                .hasMessageContaining("user 'ghost' is not a user of tenant")
                .hasMessageNotContaining("NO_APPROVER");
        // a known user starts the same request
        assertThat(f.approvals.start(WorkflowFixture.user("alice"), StartRequest.of("leave", Map.of("type", "annual", "days", 1)))
                .activeNodes()).containsExactly("manager");
    }
}
