package dev.oakit.core.notify;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.notify.NotificationSendAllTest.TeamChannel;
import dev.oakit.core.notify.NotifyTestSupport.NotifyPlugin;
import dev.oakit.core.spi.CommandSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.h2.jdbcx.JdbcDataSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Notifications.send} and {@code CommandNotifications.sendAll} route alike, over random preferences: each
 * recipient gets their preference for the template, else for '*', else the default channels; a disabled preference
 * mutes; a group channel gets one delivery per notification whoever it is for. Each try has users of its own, so this
 * does not test the node's preference cache forgetting changed preferences: {@link NotificationPreferenceCacheTest} does.
 */
class NotificationRoutingPropertiesTest {
    private static final List<String> CHANNELS = List.of("inbox", "sms", "team");
    private static final String KEY = "leave.approved";
    private static final Map<String, Object> VARS = Map.of("name", "张三", "days", 3, "approver", "李四");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final Actor HR = Actor.of("acme", "hr", Notifications.SENDER_ROLE);
    private static final Actor ADMIN = Actor.admin("acme", "root");
    private static OaKit oa;

    @BeforeContainer
    static void boot() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:notify-routing-props;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ds.setUser("sa");
        oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(ds)
                .plugin(new NotifyPlugin()).plugin(new TeamChannel())
                .config("core", Map.of("jobs", Map.of("enabled", false), "notifications", Map.of("defaultChannels", List.of("inbox"))))
                .build().start();
    }

    @AfterContainer
    static void close() {
        oa.close();
    }

    /** A user's preferences: for the template and for '*', each absent (null), muted, or some channels. */
    record Prefs(NotificationPreference exact, NotificationPreference any) {
    }

    @Provide
    Arbitrary<List<Prefs>> users() {
        Arbitrary<int[]> pref = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 7))
                .as((state, mask) -> new int[] {state, mask}); // state 0 none, 1 muted, 2 and 3 channels by mask
        return Combinators.combine(pref, pref).as((e, a) -> new int[][] {e, a}).list().ofMinSize(1).ofMaxSize(5)
                .map(list -> list.stream().map(p -> new Prefs(pref("x", KEY, p[0]), pref("x", NotificationPreference.ANY_KEY, p[1]))).toList());
    }

    private static NotificationPreference pref(String user, String key, int[] p) {
        if (p[0] == 0) {
            return null;
        }
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS.size(); i++) {
            if ((p[1] & (1 << i)) != 0) {
                channels.add(CHANNELS.get(i));
            }
        }
        return new NotificationPreference(user, key, channels, p[0] != 1);
    }

    @Property(tries = 60)
    void sendAndSendAllRouteAlike(@ForAll("users") List<Prefs> prefs) {
        Notifications n = oa.service(Notifications.class);
        int t = TRIES.incrementAndGet();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < prefs.size(); i++) {
            String user = "t" + t + "u" + i;
            users.add(user);
            for (NotificationPreference p : new NotificationPreference[] {prefs.get(i).exact(), prefs.get(i).any()}) {
                if (p != null) {
                    n.setPreference(ADMIN, new NotificationPreference(user, p.key(), p.channels(), p.enabled()));
                }
            }
        }
        NotificationRequest request = NotificationRequest.of(KEY, users, VARS);
        List<String> expected = expected(users, prefs);

        NotificationReceipt sent = n.send(HR, request);
        List<NotificationReceipt> all = new ArrayList<>();
        OaKitTestAccess.commands(oa).execute(CommandSpec.of(HR, "test.notify"), Void.class, ctx -> {
            all.addAll(OaKitTestAccess.commandNotifications(oa).sendAll(ctx, HR, List.of(request, request)));
            return null;
        });

        assertThat(routes(n, sent)).as("send").containsExactlyInAnyOrderElementsOf(expected);
        for (NotificationReceipt r : all) {
            assertThat(routes(n, r)).as("sendAll").containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The rule, spelled out: the template's preference, else '*', else the defaults; muted is none; groups once. */
    private static List<String> expected(List<String> users, List<Prefs> prefs) {
        List<String> out = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        for (int i = 0; i < users.size(); i++) {
            NotificationPreference p = prefs.get(i).exact() != null ? prefs.get(i).exact() : prefs.get(i).any();
            List<String> channels = p == null ? List.of("inbox") : p.enabled() ? p.channels() : List.of();
            for (String c : channels) {
                if (c.equals("team")) {
                    groups.add(c);
                } else {
                    out.add(users.get(i) + ":" + c);
                }
            }
        }
        groups.forEach(g -> out.add("null:" + g));
        return out;
    }

    private static List<String> routes(Notifications n, NotificationReceipt receipt) {
        List<String> out = n.deliveries(ADMIN, DeliveryQuery.all().notification(receipt.notificationId())).stream()
                .map(d -> d.recipientId() + ":" + d.channel()).toList();
        assertThat(out).hasSize(receipt.deliveryIds().size());
        return out;
    }
}
