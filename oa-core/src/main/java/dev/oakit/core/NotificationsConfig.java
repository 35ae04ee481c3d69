package dev.oakit.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apiguardian.api.API;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Configuration of notifications, read from {@code core.notifications} (see
 * {@code docs/notifications.md}). Every component may be null for its default. It lives in the
 * root package, next to {@link CoreConfig}, so that {@code CoreConfig} does not depend on the
 * {@code notify} package (which depends on the root package).
 *
 * @param defaultChannels channel ids a user gets when no preference says otherwise (default {@code [log]})
 * @param defaultLocale locale of a notification whose request names none (default {@code zh-CN})
 * @param fallbackLocale locale tried when a template has neither the requested locale nor its language (default {@code en})
 * @param maxAttempts delivery attempts before a delivery is DEAD (default: none of its own; the delivery retry
 *     policy, {@link dev.oakit.core.job.RetryPolicy#deliveries()}, ends retries after three days)
 * @param templates JSON or YAML template files: {@code classpath:path/in/jar.yaml} or a file path
 * @param log whether the logging channel {@value #LOG_CHANNEL} is registered (default true)
 * @param email the SMTP channel, or null for none
 * @param robots group-robot channels (WeCom, DingTalk, Feishu); each is one group
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonIgnoreProperties(ignoreUnknown = false)
public record NotificationsConfig(List<String> defaultChannels, String defaultLocale, String fallbackLocale,
                                  Integer maxAttempts, List<String> templates, Boolean log, Email email,
                                  List<Robot> robots) {
    /** Id of the built-in logging channel. */
    public static final String LOG_CHANNEL = "log";

    /** Fills defaults. */
    public NotificationsConfig {
        defaultChannels = defaultChannels == null ? List.of(LOG_CHANNEL) : List.copyOf(defaultChannels);
        defaultLocale = defaultLocale == null ? "zh-CN" : defaultLocale;
        fallbackLocale = fallbackLocale == null ? "en" : fallbackLocale;
        templates = templates == null ? List.of() : List.copyOf(templates);
        log = log == null ? Boolean.TRUE : log;
        robots = robots == null ? List.of() : List.copyOf(robots);
    }

    /** @return the defaults: logging channel only, zh-CN with fallback en */
    public static NotificationsConfig defaults() {
        return new NotificationsConfig(null, null, null, null, null, null, null, null);
    }

    /** @return the default locale as a {@link Locale} */
    public Locale defaultLocaleValue() {
        return Locale.forLanguageTag(defaultLocale);
    }

    /** @return the fallback locale as a {@link Locale} */
    public Locale fallbackLocaleValue() {
        return Locale.forLanguageTag(fallbackLocale);
    }

    /** @return problems with these values, each naming its field; channel ids are checked when channels are assembled */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        String at = "core.notifications";
        checkLocale(p, at + ".defaultLocale", defaultLocale);
        checkLocale(p, at + ".fallbackLocale", fallbackLocale);
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > 1000)) {
            p.add(at + ".maxAttempts must be between 1 and 1000, was " + maxAttempts);
        }
        if (email != null) {
            p.addAll(email.problems(at + ".email"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < robots.size(); i++) {
            Robot r = robots.get(i);
            String rat = at + ".robots[" + i + "]";
            if (r == null) {
                p.add(rat + " must not be null");
                continue;
            }
            p.addAll(r.problems(rat));
            if (r.id() != null && !ids.add(r.id())) {
                p.add(rat + ".id '" + r.id() + "' is used twice; channel ids must be unique");
            }
        }
        return p;
    }

    private static void checkLocale(List<String> p, String field, String tag) {
        try {
            new Locale.Builder().setLanguageTag(tag);
        } catch (IllformedLocaleException e) {
            p.add(field + " must be a BCP 47 language tag such as zh-CN or en, was '" + tag + "'");
        }
    }

    private static void checkUrl(List<String> p, String field, String url) {
        try {
            URI u = URI.create(url == null ? "" : url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                p.add(field + " must be an http or https URL, was '" + SafeUrls.redact(url) + "'");
            }
        } catch (IllegalArgumentException e) {
            p.add(field + " is not a URL");
        }
    }

    private static final java.util.regex.Pattern CHANNEL_ID = java.util.regex.Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    private static void checkId(List<String> p, String field, String id) {
        if (id == null || !CHANNEL_ID.matcher(id).matches()) {
            p.add(field + " must be a channel id (lower-case letters, digits, '.', '_', '-'; at most 64), was '" + id + "'");
        }
    }

    /**
     * The SMTP email channel (Jakarta Mail). Sends the rendered subject and body as UTF-8 text,
     * with an HTML alternative when the template has one.
     *
     * @param id channel id (default {@code email})
     * @param host SMTP host; required
     * @param port SMTP port (default 25, or 465 with {@code ssl})
     * @param username login, or null for none
     * @param password password (never logged), or null
     * @param from sender address, e.g. {@code OA <oa@example.com>}; required
     * @param startTls STARTTLS: unset (null, the default) uses it whenever the server offers it; {@code true}
     *     requires it (no mail goes to a server that does not offer it); {@code false} never uses it, for an internal
     *     relay offering STARTTLS with a certificate the JVM does not trust (OAKit sets no {@code mail.smtp.ssl.trust}:
     *     the other way is to add that certificate to the JVM's trust store)
     * @param ssl connect with SMTPS (default false)
     * @param timeout connect and read timeout (default 10 s)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Email(String id, String host, Integer port, String username, String password, String from,
                        Boolean startTls, Boolean ssl, Duration timeout) {
        /** Fills defaults. */
        public Email {
            id = id == null ? "email" : id;
            ssl = ssl == null ? Boolean.FALSE : ssl;
            port = port == null ? (ssl ? 465 : 25) : port;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            checkId(p, at + ".id", id);
            if (host == null || host.isBlank()) {
                p.add(at + ".host is required");
            }
            if (port < 1 || port > 65535) {
                p.add(at + ".port must be between 1 and 65535, was " + port);
            }
            if (from == null || from.isBlank()) {
                p.add(at + ".from is required (the sender address)");
            }
            return p;
        }

        @Override
        public String toString() {
            return "Email[id=" + id + ", host=" + host + ", port=" + port + ", username=" + username
                    + ", password=" + (password == null ? "null" : "***") + ", from=" + from + ", startTls=" + startTls
                    + ", ssl=" + ssl + ", timeout=" + timeout + "]";
        }
    }

    /** Which group-robot API a {@link Robot} speaks. */
    public enum RobotKind {
        /** 企业微信 group robot. */
        WECOM,
        /** 钉钉 custom robot. */
        DINGTALK,
        /** 飞书 / Lark custom bot. */
        FEISHU
    }

    /** How a robot message is formatted. */
    public enum RobotFormat {
        /** Plain text. */
        TEXT,
        /** Markdown (WeCom, DingTalk) or rich-text post (Feishu). */
        MARKDOWN
    }

    /**
     * A group-robot channel: one chat group, reached through its webhook URL. The URL carries the
     * robot's key or access token, so it is treated as a secret like {@code secret}.
     *
     * @param id channel id, unique among channels; required
     * @param kind WECOM, DINGTALK or FEISHU; required
     * @param url the robot's webhook URL (never logged beyond scheme and host); required
     * @param secret signing secret (DingTalk "加签", Feishu "签名校验"), or null when signing is off; never logged
     * @param format TEXT or MARKDOWN (default MARKDOWN)
     * @param timeout deadline of the whole call: connect, send and the complete answer (at most 64 KiB) (default 10 s)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Robot(String id, RobotKind kind, String url, String secret, RobotFormat format, Duration timeout) {
        /** Fills defaults. */
        public Robot {
            format = format == null ? RobotFormat.MARKDOWN : format;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            checkId(p, at + ".id", id);
            if (kind == null) {
                p.add(at + ".kind is required: WECOM, DINGTALK or FEISHU");
            }
            checkUrl(p, at + ".url", url);
            if (secret != null && kind == RobotKind.WECOM) {
                p.add(at + ".secret is not supported by WeCom robots; remove it");
            }
            return p;
        }

        /** @return scheme, host and port only ({@code https://host/***}), safe to log: path, query and user info may carry the key */
        public String safeUrl() {
            return SafeUrls.redact(url);
        }

        @Override
        public String toString() {
            return "Robot[id=" + id + ", kind=" + kind + ", url=" + safeUrl() + ", secret="
                    + (secret == null ? "null" : "***") + ", format=" + format + ", timeout=" + timeout + "]";
        }
    }
}
