package dev.oakit.core.notify;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.notify.NotifyTestSupport.NotifyPlugin;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.spi.Recipient;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code CommandNotifications.sendAll} inside a host's command: the same routing as {@code send} (a preference
 * for the template, then '*', then the defaults; muted; one delivery per group channel), and the
 * delivery jobs start when the command commits, not at the next poll.
 */
class NotificationSendAllTest {
    private static final Map<String, Object> VARS = Map.of("name", "张三", "days", 3, "approver", "李四");

    private final Actor hr = Actor.of("acme", "hr", Notifications.SENDER_ROLE);
    private final Actor admin = Actor.admin("acme", "root");

    /** A channel that posts once to a team, whoever of it the notification names. */
    static final class TeamChannel implements NotificationChannel, OaPlugin {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "team";
        }

        @Override
        public AddressKind addressKind() {
            return AddressKind.GROUP;
        }

        @Override
        public void send(Recipient recipient, RenderedMessage message) {
            sent.add(message.subject());
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(NotificationChannel.class, this);
        }
    }

    @DbTest
    void sendAllRoutesEachRecipientLikeSendAndItsDeliveriesRunRightAfterTheCommit(TestDatabase db) {
        NotifyPlugin plugin = new NotifyPlugin();
        TeamChannel team = new TeamChannel();
        Map<String, Object> core = new LinkedHashMap<>(NotifyTestSupport.core(Map.of("defaultChannels", List.of("inbox"))));
        // a poll interval no test waits for: only the wake-up after the commit delivers
        core.put("jobs", Map.of("pollInterval", "PT1H"));
        OaKit oa = db.start(b -> b.plugin(plugin).plugin(team).config("core", core));
        Notifications n = oa.service(Notifications.class);
        n.setPreference(admin, "alice", "leave.approved", List.of("sms"));
        n.setPreference(admin, "bob", NotificationPreference.ANY_KEY, List.of("inbox", "team"));
        n.setPreference(admin, "carol", NotificationPreference.ANY_KEY, List.of("sms"));
        n.setPreference(admin, "carol", "leave.approved", List.of()); // muted
        n.setPreference(admin, "dave", "leave.approved", List.of("team"));

        List<NotificationReceipt> receipts = new CopyOnWriteArrayList<>();
        OaKitTestAccess.commands(oa).execute(CommandSpec.of(hr, "test.notify"), Void.class, ctx -> {
            receipts.addAll(OaKitTestAccess.commandNotifications(oa).sendAll(ctx, hr, List.of(
                    NotificationRequest.of("leave.approved", List.of("alice", "bob", "carol", "dave"), VARS),
                    NotificationRequest.of("ticket.assigned", List.of("carol", "alice"), Map.of("ticket", Map.of("no", "T-7"))))));
            return null;
        });

        assertThat(receipts.get(0).deliveryIds()).as("alice sms, bob inbox, one post to the team, carol muted").hasSize(3);
        assertThat(receipts.get(1).deliveryIds()).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> plugin.inbox.sent.size() + plugin.sms.sent.size() + team.sent.size() == 5);
        assertThat(plugin.sms.sent).containsExactlyInAnyOrder("alice:请假已批准：张三", "carol:Ticket T-7");
        assertThat(plugin.inbox.sent).containsExactlyInAnyOrder("bob:请假已批准：张三", "alice:Ticket T-7");
        assertThat(team.sent).containsExactly("请假已批准：张三");
    }

    /** A delivery job stored before deliveries named their job ({@code {"deliveryId": n}}) still delivers. */
    @DbTest
    void aDeliveryJobOfTheOldFormNamingItsDeliveryRunsToCompletion(TestDatabase db) {
        NotifyPlugin plugin = new NotifyPlugin();
        OaKit oa = db.start(b -> b.plugin(plugin).config("core", NotifyTestSupport.core(Map.of("defaultChannels", List.of("inbox")))));
        long[] delivery = new long[1];
        OaKitTestAccess.commands(oa).execute(CommandSpec.of(hr, "test.notify"), Void.class, ctx -> {
            NotificationReceipt r = OaKitTestAccess.commandNotifications(oa).sendAll(ctx, hr,
                    List.of(NotificationRequest.of("leave.approved", List.of("alice"), VARS))).get(0);
            delivery[0] = r.deliveryIds().get(0);
            // the job as stored before: its payload names the delivery, not the notification
            int n = ctx.handle().createUpdate("""
                    UPDATE oa_core_job SET payload = :p
                    WHERE id = (SELECT job_id FROM oa_core_notify_delivery WHERE id = :d)""")
                    .bind("p", "{\"deliveryId\":" + delivery[0] + "}").bind("d", delivery[0]).execute();
            assertThat(n).isOne();
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> plugin.inbox.sent.size() == 1);
        assertThat(plugin.inbox.sent).containsExactly("alice:请假已批准：张三");
        await().atMost(Duration.ofSeconds(30)).until(() -> oa.service(Notifications.class)
                .deliveries(admin, DeliveryQuery.all().recipient("alice")).get(0).status() == DeliveryStatus.SENT);
        assertThat(oa.service(Notifications.class).deliveries(admin, DeliveryQuery.all().recipient("alice")))
                .singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(delivery[0]));
    }
}
