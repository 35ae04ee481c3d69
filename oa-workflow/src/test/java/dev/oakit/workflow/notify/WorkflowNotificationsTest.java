package dev.oakit.workflow.notify;

import dev.oakit.core.IntegrationException;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.spi.Recipient;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;
import dev.oakit.workflow.WorkflowTemplateKeys;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.oakit.workflow.WorkflowFixture.days;
import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Notifications of the approval life cycle, with per-user locale and preferences, and a channel that always fails. */
class WorkflowNotificationsTest {
    /** Records "user:subject"; the broken channel throws on every send. */
    static final class Channels implements OaPlugin {
        final List<String> inbox = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "test-channels";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(NotificationChannel.class, channel("inbox", (r, m) -> inbox.add(r.userId() + ":" + m.subject())));
            context.extension(NotificationChannel.class, channel("broken", (r, m) -> {
                throw new IntegrationException("TEST/DOWN", "the broken channel is down", false, null);
            }));
        }

        private static NotificationChannel channel(String id, java.util.function.BiConsumer<Recipient, RenderedMessage> send) {
            return new NotificationChannel() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public AddressKind addressKind() {
                    return AddressKind.USER_ID;
                }

                @Override
                public void send(Recipient recipient, RenderedMessage message) {
                    send.accept(recipient, message);
                }
            };
        }
    }

    private void awaitInbox(Channels c, String... expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(c.inbox).contains(expected));
    }

    @DbTest
    void participantsHearOfEveryStepInTheirLanguageAndABrokenChannelBlocksNothing(TestDatabase db) {
        ManualClock clock = new ManualClock();
        Channels channels = new Channels();
        OaKit oa = db.closeLater(db.builder().clock(clock).plugin(channels).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S"),
                        "notifications", Map.of("defaultChannels", List.of("inbox", "broken"))))
                .config("workflow", Map.of("notifications", true, "link", "https://oa.example.com/i/{instanceId}")).build().start());
        WorkflowFixture f = new WorkflowFixture(oa);
        Directory directory = oa.service(Directory.class);
        directory.updateUser(f.admin, directory.user(f.admin, "alice").withAttributes(Map.of("locale", "en")));
        oa.service(Notifications.class).setPreference(user("carol"), "carol", WorkflowTemplateKeys.ASSIGNED, List.of("broken"));
        f.definitions.deploy(f.admin, WorkflowFixture.leave());

        long id = f.start("alice", "leave", days(5)).id();
        awaitInbox(channels, "bob:待办：请假 - alice");
        f.approvals.approve(user("bob"), f.todoOf("bob", id).id(), Decision.none());
        f.approvals.approve(user("carol"), f.todoOf("carol", id).id(), Decision.none());
        assertThat(f.status(id)).isEqualTo(InstanceStatus.APPROVED);
        awaitInbox(channels, "alice:Approved: 请假 - alice");
        assertThat(channels.inbox).noneMatch(m -> m.startsWith("carol:"));

        long returned = f.start("alice", "leave", days(1)).id();
        f.approvals.returnTo(user("bob"), f.todoOf("bob", returned).id(), null, Decision.comment("补充说明"));
        awaitInbox(channels, "alice:Returned: 请假 - alice");
        f.approvals.resubmit(user("alice"), returned, Decision.none());
        f.approvals.withdraw(user("alice"), returned, Decision.none());
        awaitInbox(channels, "bob:已撤回：请假 - alice");
        long rejected = f.start("alice", "leave", days(1)).id();
        f.approvals.reject(user("bob"), f.todoOf("bob", rejected).id(), Decision.none());
        awaitInbox(channels, "alice:Rejected: 请假 - alice");

        f.definitions.deploy(f.admin, ProcessDefinition.builder("memo").form(WorkflowFixture.leaveForm()).start("start")
                .cc("inform", ApproverRule.users("dave")).end("end").chain("start", "inform", "end").build());
        f.start("alice", "memo", days(1));
        awaitInbox(channels, "dave:抄送：memo - alice");
    }

    @DbTest
    void theAssigneeHearsWhenATaskIsDueSoonAndWhenItIsOverdue(TestDatabase db) {
        ManualClock clock = new ManualClock();
        Channels channels = new Channels();
        OaKit oa = db.closeLater(db.builder().clock(clock).plugin(channels).plugin(new WorkflowPlugin())
                .config("core", Map.of("jobs", Map.of("pollInterval", "PT0.05S"),
                        "notifications", Map.of("defaultChannels", List.of("inbox"))))
                .config("workflow", Map.of("notifications", true, "dueSoon", "PT1H")).build().start());
        WorkflowFixture f = new WorkflowFixture(oa);
        f.definitions.deploy(f.admin, WorkflowFixture.single("quick", a -> a.approver(ApproverRule.manager(1))
                .deadline(Deadline.of("PT2H"))));
        f.start("alice", "quick", days(1));
        clock.advance(Duration.ofMinutes(61));
        OaKitTestAccess.worker(oa).wakeUp();
        awaitInbox(channels, "bob:即将超时：quick - alice");
        assertThat(channels.inbox).noneMatch(m -> m.contains("已超时"));
        clock.advance(Duration.ofHours(1));
        OaKitTestAccess.worker(oa).wakeUp();
        awaitInbox(channels, "bob:已超时：quick - alice");
    }
}
