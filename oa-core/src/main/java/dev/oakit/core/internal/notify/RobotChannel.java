package dev.oakit.core.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.internal.http.OutboundHttp;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.NotificationChannel;
import dev.oakit.core.spi.Recipient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A chat-group robot (WeCom, DingTalk, Feishu): an HTTP POST of a JSON message to the robot's
 * webhook URL, bounded in time and size by {@link OutboundHttp}. The remote answers HTTP 200 with
 * an error code in the body, so both are checked.
 */
abstract class RobotChannel implements NotificationChannel {
    private static final String CODE = CoreErrors.NOTIFY_ROBOT;

    final NotificationsConfig.Robot config;
    final ObjectMapper json;
    final Clock clock;

    RobotChannel(NotificationsConfig.Robot config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    static RobotChannel of(NotificationsConfig.Robot config, ObjectMapper json, Clock clock) {
        return switch (config.kind()) {
            case WECOM -> new WeCom(config, json, clock);
            case DINGTALK -> new DingTalk(config, json, clock);
            case FEISHU -> new Feishu(config, json, clock);
        };
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.GROUP;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + config;
    }

    /** @return the request body */
    abstract ObjectNode body(RenderedMessage message);

    /** @return the URL to post to (DingTalk appends its signature) */
    String url() {
        return config.url();
    }

    /** @return the name of the body field holding the result code */
    abstract String codeField();

    /** @return result codes that mean "try again later" (rate limits, busy) */
    abstract Set<Integer> retryableCodes();

    @Override
    public void send(Recipient recipient, RenderedMessage message) {
        byte[] bytes = body(message).toString().getBytes(StandardCharsets.UTF_8);
        OutboundHttp.Answer response = OutboundHttp.post(CODE, who(recipient), URI.create(url()),
                Map.of("Content-Type", "application/json; charset=utf-8"), bytes, config.timeout());
        int status = response.status();
        if (!response.ok()) {
            boolean retryable = OutboundHttp.retryable(status);
            throw failure(recipient, "answered HTTP " + status + (retryable ? "; will retry"
                    : "; not retried (check the robot's URL, then replay the dead job)"), retryable, null);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw failure(recipient, "answered HTTP " + status + " with a body that is not JSON; will retry", true, e);
        }
        JsonNode code = answer == null ? null : answer.get(codeField());
        if (code == null || !code.canConvertToInt()) {
            if (answer != null && answer.path("StatusCode").asInt(-1) == 0) {
                return; // older Feishu answer
            }
            throw failure(recipient, "answered without '" + codeField() + "'; will retry", true, null);
        }
        if (code.asInt() == 0) {
            return;
        }
        boolean retryable = retryableCodes().contains(code.asInt());
        String msg = answer.path(answer.has("errmsg") ? "errmsg" : "msg").asText("");
        throw failure(recipient, "refused the message: " + codeField() + " " + code.asInt() + " (" + msg + ")"
                + (retryable ? "; will retry" : "; not retried (fix the robot's configuration, then replay the dead job)"),
                retryable, null);
    }

    private String who(Recipient r) {
        return "robot channel '" + config.id() + "' (" + config.kind() + ", " + config.safeUrl() + ") for delivery " + r.deliveryId();
    }

    private IntegrationException failure(Recipient r, String what, boolean retryable, Exception cause) {
        return new IntegrationException(CODE, who(r) + " " + what, retryable, cause);
    }

    static String title(RenderedMessage m) {
        return m.subject().isBlank() ? m.templateKey() : m.subject();
    }

    static String markdown(RenderedMessage m) {
        return m.subject().isBlank() ? m.body() : "### " + m.subject() + "\n\n" + m.body();
    }

    static String text(RenderedMessage m) {
        return m.subject().isBlank() ? m.body() : m.subject() + "\n" + m.body();
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** 企业微信 group robot: {@code {"msgtype":"markdown","markdown":{"content":..}}} or text. */
    static final class WeCom extends MsgTypeRobot {
        WeCom(NotificationsConfig.Robot config, ObjectMapper json, Clock clock) {
            super(config, json, clock);
        }

        @Override
        void fillMarkdown(ObjectNode markdown, RenderedMessage m) {
            markdown.put("content", markdown(m));
        }

        @Override
        Set<Integer> retryableCodes() {
            return Set.of(-1, 45009); // system busy, API frequency limit
        }
    }

    /**
     * The body WeCom and DingTalk share: {@code {"msgtype":"markdown","markdown":{..}}} or
     * {@code {"msgtype":"text","text":{"content":..}}}; the result code in {@code errcode}.
     */
    abstract static class MsgTypeRobot extends RobotChannel {
        MsgTypeRobot(NotificationsConfig.Robot config, ObjectMapper json, Clock clock) {
            super(config, json, clock);
        }

        /** Fills the {@code markdown} object of the body. */
        abstract void fillMarkdown(ObjectNode markdown, RenderedMessage m);

        @Override
        final ObjectNode body(RenderedMessage m) {
            ObjectNode body = json.createObjectNode();
            if (config.format() == NotificationsConfig.RobotFormat.MARKDOWN) {
                body.put("msgtype", "markdown");
                fillMarkdown(body.putObject("markdown"), m);
            } else {
                body.put("msgtype", "text");
                body.putObject("text").put("content", text(m));
            }
            return body;
        }

        @Override
        final String codeField() {
            return "errcode";
        }
    }

    /** 钉钉 custom robot, optionally signed ("加签") in the URL. */
    static final class DingTalk extends MsgTypeRobot {
        DingTalk(NotificationsConfig.Robot config, ObjectMapper json, Clock clock) {
            super(config, json, clock);
        }

        @Override
        String url() {
            if (config.secret() == null) {
                return config.url();
            }
            long ts = clock.millis();
            String sign = sign(ts, config.secret());
            return config.url() + (config.url().contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign=" + sign;
        }

        /** @return URL-encoded base64 of HMAC-SHA256(key = secret, data = timestamp + "\n" + secret) */
        static String sign(long timestampMillis, String secret) {
            byte[] mac = hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                    (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
        }

        @Override
        void fillMarkdown(ObjectNode markdown, RenderedMessage m) {
            markdown.put("title", title(m)).put("text", markdown(m));
        }

        @Override
        Set<Integer> retryableCodes() {
            return Set.of(-1, 130101, 410100); // system busy, sending too fast, flow control
        }
    }

    /** 飞书 / Lark custom bot, optionally signed ("签名校验") in the body. */
    static final class Feishu extends RobotChannel {
        Feishu(NotificationsConfig.Robot config, ObjectMapper json, Clock clock) {
            super(config, json, clock);
        }

        /** @return base64 of HMAC-SHA256(key = timestamp + "\n" + secret, data = empty) */
        static String sign(long timestampSeconds, String secret) {
            byte[] mac = hmacSha256((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]);
            return Base64.getEncoder().encodeToString(mac);
        }

        @Override
        ObjectNode body(RenderedMessage m) {
            ObjectNode body = json.createObjectNode();
            if (config.secret() != null) {
                long ts = clock.instant().getEpochSecond();
                body.put("timestamp", Long.toString(ts));
                body.put("sign", sign(ts, config.secret()));
            }
            if (config.format() == NotificationsConfig.RobotFormat.MARKDOWN) {
                body.put("msg_type", "post");
                String lang = "zh".equals(m.locale().getLanguage()) ? "zh_cn" : "en_us";
                ObjectNode post = body.putObject("content").putObject("post").putObject(lang);
                post.put("title", m.subject());
                ArrayNode lines = post.putArray("content");
                for (String line : m.body().split("\n", -1)) {
                    lines.addArray().addObject().put("tag", "text").put("text", line);
                }
            } else {
                body.put("msg_type", "text");
                body.putObject("content").put("text", text(m));
            }
            return body;
        }

        @Override
        String codeField() {
            return "code";
        }

        @Override
        Set<Integer> retryableCodes() {
            return Set.of(9499, 11232); // too many requests, frequency limited
        }
    }
}
