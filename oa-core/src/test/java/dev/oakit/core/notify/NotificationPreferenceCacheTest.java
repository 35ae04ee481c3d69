package dev.oakit.core.notify;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.notify.NotifyTestSupport.NotifyPlugin;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node's cache of notification preferences never routes by a preference that is not the committed one: a changed
 * preference routes the next send at once; one set in a command that rolled back, or in a host's transaction that
 * rolled back, is not kept (though a send inside that transaction read it); inside such a transaction a send routes by
 * the transaction's own preference.
 */
class NotificationPreferenceCacheTest {
    private static final Map<String, Object> VARS = Map.of("name", "张三", "days", 3, "approver", "李四");
    private static final Actor HR = Actor.of("acme", "hr", Notifications.SENDER_ROLE);
    private static final Actor ADMIN = Actor.admin("acme", "root");
    private static final NotificationRequest TO_ALICE = NotificationRequest.of("leave.approved", List.of("alice"), VARS);

    private static OaKit start(TestDatabase db) {
        // a long TTL: only invalidation (never expiry) can make the cache forget within the test
        Map<String, Object> core = new java.util.LinkedHashMap<>(NotifyTestSupport.core(Map.of("defaultChannels", List.of("inbox"))));
        core.put("jobs", Map.of("enabled", false));
        core.put("directoryCache", Map.of("ttl", "PT1H"));
        return db.start(b -> b.plugin(new NotifyPlugin()).config("core", core));
    }

    /** @return the channels the notification went to */
    private static List<String> channels(OaKit oa, NotificationReceipt receipt) {
        return oa.service(Notifications.class).deliveries(ADMIN, DeliveryQuery.all().notification(receipt.notificationId()))
                .stream().map(Delivery::channel).toList();
    }

    @DbTest
    void aChangedPreferenceRoutesTheNextSend(TestDatabase db) {
        OaKit oa = start(db);
        Notifications n = oa.service(Notifications.class);
        n.setPreference(ADMIN, "alice", "leave.approved", List.of("sms"));
        assertThat(channels(oa, n.send(HR, TO_ALICE))).containsExactly("sms"); // cached now
        n.setPreference(ADMIN, "alice", "leave.approved", List.of("inbox"));
        assertThat(channels(oa, n.send(HR, TO_ALICE))).containsExactly("inbox");
    }

    @DbTest
    void aPreferenceSetInACommandThatRolledBackIsNotKept(TestDatabase db) {
        OaKit oa = start(db);
        Notifications n = oa.service(Notifications.class);
        assertThat(channels(oa, n.send(HR, TO_ALICE))).containsExactly("inbox"); // the default, cached
        assertThatThrownBy(() -> OaKitTestAccess.commands(oa).execute(CommandSpec.of(ADMIN, "test.undone"), Void.class, ctx -> {
            n.setPreference(ADMIN, "alice", "leave.approved", List.of("sms"));
            List<NotificationReceipt> inside = OaKitTestAccess.commandNotifications(oa).sendAll(ctx, HR, List.of(TO_ALICE));
            assertThat(ctx.handle().createQuery("SELECT channel FROM oa_core_notify_delivery WHERE id = :id")
                    .bind("id", inside.get(0).deliveryIds().get(0)).mapTo(String.class).one())
                    .as("the transaction routes by its own preference").isEqualTo("sms");
            throw new IllegalStateException("undone");
        })).hasMessage("undone");
        assertThat(channels(oa, n.send(HR, TO_ALICE))).containsExactly("inbox");
    }

    @DbTest
    void aPreferenceSetInAHostTransactionThatRolledBackIsNotKept(TestDatabase db) throws Exception {
        OaKit oa = start(db);
        Notifications n = oa.service(Notifications.class);
        assertThat(channels(oa, n.send(HR, TO_ALICE))).containsExactly("inbox");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<String> inside = oa.inHostTransaction(c, () -> {
                n.setPreference(ADMIN, "alice", "leave.approved", List.of("sms"));
                NotificationReceipt r = n.send(HR, TO_ALICE);
                return OaKitTestAccess.commands(oa).query(h -> h.createQuery(
                                "SELECT channel FROM oa_core_notify_delivery WHERE notification_id = :id")
                        .bind("id", r.notificationId()).mapTo(String.class).list());
            });
            assertThat(inside).as("the host's transaction routes by its own preference").containsExactly("sms");
            c.rollback();
        }
        assertThat(channels(oa, n.send(HR, TO_ALICE))).containsExactly("inbox");
    }
}
