package dev.oakit.core.notify;

import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.notify.NotifyTestSupport.NotifyPlugin;
import dev.oakit.core.notify.NotifyTestSupport.RobotServer;
import dev.oakit.core.notify.NotifyTestSupport.RobotServer.Answer;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.oakit.core.notify.NotifyTestSupport.core;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Delivery after commit through durable jobs, retries, dead deliveries and preferences, on every database. */
class NotificationDeliveryTest {
    private static final Map<String, Object> VARS = Map.of("name", "张三", "days", 3, "approver", "李四");

    private final Actor hr = Actor.of("acme", "hr", Notifications.SENDER_ROLE);
    private final Actor admin = Actor.admin("acme", "root");

    private static Map<String, Object> robot(String id, String kind, String url) {
        return Map.of("id", id, "kind", kind, "url", url);
    }

    private static Delivery only(Notifications n, Actor admin, NotificationReceipt r, String channel) {
        return n.deliveries(admin, DeliveryQuery.all().notification(r.notificationId())).stream()
                .filter(d -> d.channel().equals(channel)).findFirst().orElseThrow();
    }

    @DbTest
    void failingChannelIsRetriedUntilItSucceedsWhileTheCommandSucceeded(TestDatabase db) throws Exception {
        try (RobotServer server = new RobotServer(new Answer(500, "busy"))) {
            Map<String, Object> notifications = new HashMap<>(Map.of("defaultChannels", List.of("wecom"), "maxAttempts", 100,
                    "robots", List.of(robot("wecom", "WECOM", server.url("/send?key=k")))));
            OaKit oa = db.start(b -> b.plugin(new NotifyPlugin()).config("core", core(notifications)));
            Notifications n = oa.service(Notifications.class);

            NotificationReceipt receipt = n.send(hr, NotificationRequest.of("leave.approved", List.of("alice"), VARS));

            assertThat(oa.service(AuditLog.class).forTarget(dev.oakit.core.Actor.admin(hr.tenantId(), "root"), "notification", receipt.notificationId()))
                    .singleElement().satisfies(a -> assertThat(a.action()).isEqualTo("core.notification.send"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(only(n, admin, receipt, "wecom"))
                    .satisfies(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
                        assertThat(d.attempts()).isGreaterThanOrEqualTo(2);
                        assertThat(d.lastError()).contains("HTTP 500", "will retry").doesNotContain("key=k");
                    }));

            server.answer(new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(only(n, admin, receipt, "wecom").status())
                    .isEqualTo(DeliveryStatus.SENT));
            Delivery sent = only(n, admin, receipt, "wecom");
            assertThat(sent.sentAt()).isNotNull();
            assertThat(server.requests).hasSize(sent.attempts());
            assertThat(n.deliveries(admin, DeliveryQuery.all().status(DeliveryStatus.SENT))).extracting(Delivery::id)
                    .containsExactly(sent.id());
        }
    }

    @DbTest
    void permanentRefusalEndsDeadAtOnceAndOtherChannelsStillDeliver(TestDatabase db) throws Exception {
        try (RobotServer server = new RobotServer(new Answer(200,
                "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}"))) {
            Map<String, Object> notifications = Map.of("defaultChannels", List.of("inbox", "dingtalk"),
                    "robots", List.of(robot("dingtalk", "DINGTALK", server.url("/robot/send?access_token=t"))));
            NotifyPlugin plugin = new NotifyPlugin();
            OaKit oa = db.start(b -> b.plugin(plugin).config("core", core(notifications)));
            Notifications n = oa.service(Notifications.class);

            NotificationReceipt receipt = n.send(hr, NotificationRequest.of("leave.approved", List.of("alice", "bob"), VARS));

            assertThat(receipt.deliveryIds()).hasSize(3); // inbox for each user, one to the group
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(only(n, admin, receipt, "dingtalk").status())
                    .isEqualTo(DeliveryStatus.DEAD));
            Delivery dead = only(n, admin, receipt, "dingtalk");
            assertThat(dead.attempts()).isEqualTo(1);
            assertThat(dead.lastError()).contains("errcode 310000", "keywords not in content", "not retried")
                    .doesNotContain("access_token");
            assertThat(n.deliveries(admin, DeliveryQuery.all().status(DeliveryStatus.DEAD))).extracting(Delivery::id)
                    .containsExactly(dead.id());
            await().atMost(Duration.ofSeconds(20)).until(() -> plugin.inbox.sent.size() == 2);
            assertThat(plugin.inbox.sent).containsExactlyInAnyOrder("alice:请假已批准：张三", "bob:请假已批准：张三");
            assertThat(server.requests).hasSize(1);
        }
    }

    @DbTest
    void aDeadDeliveryStaysDeadWhenRetentionPurgedItsJob(TestDatabase db) throws Exception {
        try (RobotServer server = new RobotServer(new Answer(200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}"))) {
            java.time.Instant start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            dev.oakit.core.testing.ManualClock clock = new dev.oakit.core.testing.ManualClock(start);
            Map<String, Object> core = new HashMap<>(core(Map.of("defaultChannels", List.of("inbox", "dingtalk"),
                    "robots", List.of(robot("dingtalk", "DINGTALK", server.url("/robot/send?access_token=t"))))));
            core.put("retention", Map.of("doneJobs", "P1D", "deadJobs", "P30D"));
            OaKit oa = db.start(b -> b.plugin(new NotifyPlugin()).clock(clock).config("core", core));
            Notifications n = oa.service(Notifications.class);
            NotificationReceipt receipt = n.send(hr, NotificationRequest.of("leave.approved", List.of("alice"), VARS));
            await().atMost(Duration.ofSeconds(20)).until(() -> only(n, admin, receipt, "dingtalk").status() == DeliveryStatus.DEAD
                    && only(n, admin, receipt, "inbox").status() == DeliveryStatus.SENT);

            clock.advance(Duration.ofDays(31));
            dev.oakit.core.internal.boot.OaKitTestAccess.purge(oa);

            assertThat(oa.service(dev.oakit.core.job.Jobs.class).counts(admin)).as("both jobs purged")
                    .containsEntry(dev.oakit.core.job.JobStatus.DEAD, 0L).containsEntry(dev.oakit.core.job.JobStatus.DONE, 0L);
            assertThat(only(n, admin, receipt, "dingtalk").status()).isEqualTo(DeliveryStatus.DEAD);
            assertThat(only(n, admin, receipt, "inbox").status()).isEqualTo(DeliveryStatus.SENT);
        }
    }

    @DbTest
    void preferencesRouteEachUserToTheirChannels(TestDatabase db) {
        NotifyPlugin plugin = new NotifyPlugin();
        OaKit oa = db.start(b -> b.plugin(plugin).config("core", core(Map.of("defaultChannels", List.of("inbox")))));
        Notifications n = oa.service(Notifications.class);
        Actor alice = Actor.of("acme", "alice");

        n.setPreference(alice, "alice", "leave.approved", List.of("sms"));
        n.setPreference(admin, "bob", NotificationPreference.ANY_KEY, List.of("inbox", "sms"));
        n.setPreference(admin, "carol", NotificationPreference.ANY_KEY, List.of("sms"));
        n.setPreference(admin, "carol", "leave.approved", List.of()); // muted
        n.setPreference(alice, "alice", "leave.approved", List.of("sms", "sms")); // update, duplicates dropped

        NotificationReceipt leave = n.send(hr, NotificationRequest.of("leave.approved", List.of("alice", "bob", "carol", "dave"), VARS));
        NotificationReceipt ticket = n.send(hr, NotificationRequest.of("ticket.assigned", List.of("carol", "alice"),
                Map.of("ticket", Map.of("no", "T-7"))));

        assertThat(leave.deliveryIds()).hasSize(4);
        assertThat(ticket.deliveryIds()).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> plugin.inbox.sent.size() + plugin.sms.sent.size() == 6);
        assertThat(plugin.sms.sent).containsExactlyInAnyOrder("alice:请假已批准：张三", "bob:请假已批准：张三",
                "carol:Ticket T-7");
        assertThat(plugin.inbox.sent).containsExactlyInAnyOrder("bob:请假已批准：张三", "dave:请假已批准：张三",
                "alice:Ticket T-7");
        assertThat(n.preferences(alice, "alice")).containsExactly(
                new NotificationPreference("alice", "leave.approved", List.of("sms"), true));
        assertThat(n.preferences(admin, "carol")).extracting(NotificationPreference::key, NotificationPreference::enabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("*", true),
                        org.assertj.core.groups.Tuple.tuple("leave.approved", false));

        assertThatThrownBy(() -> n.setPreference(alice, "bob", "*", List.of("sms")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("alice").hasMessageContaining("bob");
        assertThatThrownBy(() -> n.setPreference(alice, "alice", "*", List.of("pager")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'pager' is no notification channel");
        assertThat(n.channels()).containsExactly("inbox", "log", "sms");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void onlyAdministratorsAndSendersNotifyOtherUsers(TestDatabase db) {
        NotifyPlugin plugin = new NotifyPlugin();
        OaKit oa = db.start(b -> b.plugin(plugin).config("core", core(Map.of("defaultChannels", List.of("inbox")))));
        Notifications n = oa.service(Notifications.class);
        Actor alice = Actor.of("acme", "alice", "manager");

        assertThatThrownBy(() -> n.send(alice, NotificationRequest.of("leave.approved", List.of("alice", "bob", "carol"), VARS)))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage())
                        .contains("alice", "'bob'", "'carol'", Actor.ADMIN_ROLE, Notifications.SENDER_ROLE, "only themself"));
        assertThat(n.deliveries(admin, DeliveryQuery.all())).as("nothing was written").isEmpty();
        assertThat(oa.service(AuditLog.class).recent(admin, 10)).as("nothing was audited").isEmpty();

        n.send(alice, NotificationRequest.of("leave.approved", List.of("alice"), VARS)); // a reminder to oneself
        n.send(Actor.of("acme", "hr", Notifications.SENDER_ROLE), NotificationRequest.of("leave.approved", List.of("bob"), VARS));
        n.send(admin, NotificationRequest.of("leave.approved", List.of("carol"), VARS));
        await().atMost(Duration.ofSeconds(20)).until(() -> plugin.inbox.sent.size() == 3);
        assertThat(plugin.inbox.sent).containsExactlyInAnyOrder("alice:请假已批准：张三", "bob:请假已批准：张三", "carol:请假已批准：张三");
    }

    @DbTest
    void missingVariableFailsTheSendNamingItAndWritesNothing(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new NotifyPlugin()).config("core", core(Map.of())));
        Notifications n = oa.service(Notifications.class);

        assertThatThrownBy(() -> n.send(hr, NotificationRequest.of("leave.approved", List.of("alice"), Map.of("name", "张三"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("OA-CORE/TEMPLATE_VARIABLE");
                    assertThat(e.paths()).containsExactly("variables.days", "variables.approver");
                    assertThat(e.getMessage()).contains("{{approver}}", "leave.approved");
                });
        assertThat(n.deliveries(admin, DeliveryQuery.all())).isEmpty();
    }
}
