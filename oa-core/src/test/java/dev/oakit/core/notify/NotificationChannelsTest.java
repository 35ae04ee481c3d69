package dev.oakit.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.notify.NotifyTestSupport.NotifyPlugin;
import dev.oakit.core.notify.NotifyTestSupport.RobotServer;
import dev.oakit.core.notify.NotifyTestSupport.RobotServer.Answer;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.oakit.core.notify.NotifyTestSupport.core;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each built-in channel against a local server: exact payloads, signatures and the rendered email. */
class NotificationChannelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> VARS = Map.of("name", "张三", "days", 3, "approver", "李四");
    private static final String SUBJECT = "请假已批准：张三";
    private static final String BODY = "张三，您 3 天的请假申请已由 李四 批准。";

    private final Actor hr = Actor.of("acme", "hr", Notifications.SENDER_ROLE);

    private static OaKit start(TestDatabase db, Map<String, Object> notifications) {
        return db.start(b -> b.plugin(new NotifyPlugin()).config("core", core(notifications)));
    }

    private static Map<String, Object> robot(String id, String kind, String url, String secret, String format) {
        Map<String, Object> r = new HashMap<>(Map.of("id", id, "kind", kind, "url", url, "format", format));
        if (secret != null) {
            r.put("secret", secret);
        }
        return r;
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static void awaitSent(Notifications n, NotificationReceipt receipt) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                n.deliveries(Actor.system("acme"), DeliveryQuery.all().notification(receipt.notificationId())))
                .isNotEmpty().allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SENT)));
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void weComRobotGetsOneMarkdownMessageForTheGroup(TestDatabase db) throws Exception {
        try (RobotServer server = new RobotServer(new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"))) {
            OaKit oa = start(db, Map.of("defaultChannels", List.of("wecom"),
                    "robots", List.of(robot("wecom", "WECOM", server.url("/cgi-bin/webhook/send?key=k-123"), null, "MARKDOWN"))));
            Notifications n = oa.service(Notifications.class);

            NotificationReceipt receipt = n.send(hr, NotificationRequest.of("leave.approved", List.of("alice", "bob"), VARS));

            assertThat(receipt.deliveryIds()).hasSize(1); // one message to the group, not one per recipient
            awaitSent(n, receipt);
            assertThat(server.requests).singleElement().satisfies(r -> {
                assertThat(r.uri()).isEqualTo("/cgi-bin/webhook/send?key=k-123");
                assertThat(json(r.body())).isEqualTo(json("{\"msgtype\":\"markdown\",\"markdown\":{\"content\":"
                        + JSON.writeValueAsString("### " + SUBJECT + "\n\n" + BODY) + "}}"));
            });
            assertThat(n.deliveries(Actor.system("acme"), DeliveryQuery.all())).singleElement()
                    .satisfies(d -> assertThat(d.recipientId()).isNull());
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void dingTalkRobotSignsTheUrlAndSendsMarkdown(TestDatabase db) throws Exception {
        String secret = "SECd7a1f3c5b9e2-测试";
        try (RobotServer server = new RobotServer(new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"))) {
            OaKit oa = start(db, Map.of("defaultChannels", List.of("dingtalk"),
                    "robots", List.of(robot("dingtalk", "DINGTALK", server.url("/robot/send?access_token=tok"), secret, "MARKDOWN"))));
            Notifications n = oa.service(Notifications.class);
            long before = Instant.now().toEpochMilli();

            awaitSent(n, n.send(hr, NotificationRequest.of("leave.approved", List.of("alice"), VARS)));

            RobotServer.Request r = server.requests.get(0);
            assertThat(r.uri()).startsWith("/robot/send?access_token=tok&timestamp=");
            Map<String, String> query = new HashMap<>();
            for (String pair : r.uri().substring(r.uri().indexOf('?') + 1).split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            long ts = Long.parseLong(query.get("timestamp"));
            assertThat(ts).isBetween(before, Instant.now().toEpochMilli());
            String expected = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                    (ts + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            assertThat(URLDecoder.decode(query.get("sign"), StandardCharsets.UTF_8)).isEqualTo(expected);
            assertThat(query.get("sign")).doesNotContain("+", "/", "="); // URL-encoded
            assertThat(json(r.body())).isEqualTo(json("{\"msgtype\":\"markdown\",\"markdown\":{\"title\":"
                    + JSON.writeValueAsString(SUBJECT) + ",\"text\":" + JSON.writeValueAsString("### " + SUBJECT + "\n\n" + BODY) + "}}"));
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void feishuRobotSignsTheBodyAndSendsText(TestDatabase db) throws Exception {
        String secret = "feishu-secret-42";
        try (RobotServer server = new RobotServer(new Answer(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}"))) {
            OaKit oa = start(db, Map.of("defaultChannels", List.of("feishu"),
                    "robots", List.of(robot("feishu", "FEISHU", server.url("/open-apis/bot/v2/hook/abc"), secret, "TEXT"))));
            Notifications n = oa.service(Notifications.class);
            long before = Instant.now().getEpochSecond();

            awaitSent(n, n.send(hr, NotificationRequest.of("leave.approved", List.of("alice"), VARS)));

            JsonNode body = json(server.requests.get(0).body());
            long ts = Long.parseLong(body.get("timestamp").asText());
            assertThat(ts).isBetween(before, Instant.now().getEpochSecond());
            String sign = Base64.getEncoder().encodeToString(hmac((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
            assertThat(body).isEqualTo(json("{\"timestamp\":\"" + ts + "\",\"sign\":\"" + sign + "\",\"msg_type\":\"text\","
                    + "\"content\":{\"text\":" + JSON.writeValueAsString(SUBJECT + "\n" + BODY) + "}}"));
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void feishuPostHasOneParagraphPerLine(TestDatabase db) throws Exception {
        try (RobotServer server = new RobotServer(new Answer(200, "{\"code\":0,\"msg\":\"success\"}"))) {
            OaKit oa = start(db, Map.of("defaultChannels", List.of("feishu"),
                    "robots", List.of(robot("feishu", "FEISHU", server.url("/open-apis/bot/v2/hook/abc"), null, "MARKDOWN"))));
            Notifications n = oa.service(Notifications.class);

            awaitSent(n, n.send(hr, NotificationRequest.of("leave.approved", List.of("alice"), VARS)));

            assertThat(json(server.requests.get(0).body())).isEqualTo(json("{\"msg_type\":\"post\",\"content\":{\"post\":"
                    + "{\"zh_cn\":{\"title\":" + JSON.writeValueAsString(SUBJECT) + ",\"content\":[[{\"tag\":\"text\",\"text\":"
                    + JSON.writeValueAsString(BODY) + "}]]}}}}"));
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void emailArrivesRenderedInUtf8(TestDatabase db) throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        db.closeLater(mail::stop);
        OaKit oa = start(db, Map.of("defaultChannels", List.of("email"), "email", Map.of(
                "host", "127.0.0.1", "port", mail.getSmtp().getPort(), "from", "OA 系统 <oa@example.com>")));
        Notifications n = oa.service(Notifications.class);

        NotificationReceipt receipt = n.send(hr, NotificationRequest.of("leave.approved", List.of("alice"), VARS));

        assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo(SUBJECT);
        assertThat(((String) m.getContent()).strip()).isEqualTo(BODY);
        assertThat(m.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("alice@example.com");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("OA 系统");
        assertThat(m.getMessageID()).isEqualTo("<oakit-notify-" + receipt.deliveryIds().get(0) + "@oakit>");
        awaitSent(n, receipt);
        assertThat(n.deliveries(hr, DeliveryQuery.all().notification(receipt.notificationId()))).isEmpty(); // hr is no recipient
        assertThat(n.deliveries(Actor.of("acme", "alice"), DeliveryQuery.all())).singleElement()
                .satisfies(d -> assertThat(d.address()).isEqualTo("alice@example.com"));
    }

    @org.junit.jupiter.api.Test
    void secretsAreMaskedInConfigToString() {
        dev.oakit.core.NotificationsConfig.Robot robot = new dev.oakit.core.NotificationsConfig.Robot("d",
                dev.oakit.core.NotificationsConfig.RobotKind.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=TOKEN",
                "SECRET", null, null);
        dev.oakit.core.NotificationsConfig.Email email = new dev.oakit.core.NotificationsConfig.Email(null, "smtp", null,
                "user", "PASSWORD", "a@b.c", null, null, null);
        assertThat(robot.toString()).doesNotContain("TOKEN", "SECRET").contains("oapi.dingtalk.com");
        assertThat(email.toString()).doesNotContain("PASSWORD");
    }
}
