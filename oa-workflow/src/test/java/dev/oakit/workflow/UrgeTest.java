package dev.oakit.workflow;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.notify.Delivery;
import dev.oakit.core.notify.DeliveryQuery;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrgeTest {
    @DbTest
    void theInitiatorUrgesTheApproversAtMostOncePerInterval(TestDatabase db) {
        ManualClock clock = new ManualClock();
        OaKit oa = db.closeLater(db.builder().clock(clock).plugin(new WorkflowPlugin())
                .config("workflow", Map.of("urgeInterval", "PT30M")).build().start());
        WorkflowFixture f = new WorkflowFixture(oa);
        f.definitions.deploy(f.admin, WorkflowFixture.leave());
        ProcessInstance pi = f.start("alice", "leave", days(5));

        f.approvals.urge(user("alice"), pi.id(), Decision.comment("明天出发"));
        List<Delivery> toBob = oa.service(Notifications.class).deliveries(f.admin, DeliveryQuery.all()).stream()
                .filter(d -> d.templateKey().equals(WorkflowTemplateKeys.URGED)).toList();
        assertThat(toBob).extracting(Delivery::recipientId).containsExactly("bob");
        assertThat(oa.service(Notifications.class).render(WorkflowTemplateKeys.URGED, java.util.Locale.SIMPLIFIED_CHINESE,
                Map.of("title", "请假 - alice", "by", "alice", "node", "直属上级", "comment", "明天出发", "link", "")).body())
                .contains("alice 催促您尽快处理「请假 - alice」（直属上级）");

        clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> f.approvals.urge(user("alice"), pi.id(), Decision.none()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("OA-WF/URGE_TOO_SOON")
                .hasMessageContaining("2026-11-23T02:30:00Z");
        assertThatThrownBy(() -> f.approvals.urge(user("dave"), pi.id(), Decision.none()))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("initiator 'alice'");

        clock.advance(Duration.ofMinutes(21));
        f.approvals.urge(f.admin, pi.id(), Decision.none());
        assertThat(f.queries.detail(user("alice"), pi.id()).timeline()).extracting(HistoryEntry::action)
                .containsExactly("started", "urged", "urged");
    }
}
