package dev.oakit.core.kernel;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.OaKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook and robot URLs carry tokens (robot keys, access tokens, credentials): no
 * {@code toString} and no error message shows more than their scheme, host and port.
 */
class SecretUrlsTest {
    private static final String URL = "https://ops:PASSWORD@hooks.example.com:8443/v2/hook/PATH-TOKEN?access_token=QUERY-TOKEN#FRAGMENT";
    private static final List<String> SECRETS = List.of("ops", "PASSWORD", "PATH-TOKEN", "QUERY-TOKEN", "FRAGMENT", "v2/hook");

    @Test
    void webhookConfigShowsOnlySchemeHostAndPort() {
        CoreConfig.Webhook hook = new CoreConfig.Webhook("erp", URL, "a-shared-secret-of-16+", List.of(), Duration.ofSeconds(2));
        assertThat(hook.toString()).contains("https://hooks.example.com:8443/***").doesNotContain(SECRETS)
                .doesNotContain("a-shared-secret");
        assertThat(hook.safeUrl()).isEqualTo("https://hooks.example.com:8443/***");
    }

    @Test
    void robotConfigShowsOnlySchemeHostAndPort() {
        NotificationsConfig.Robot robot = new NotificationsConfig.Robot("wecom", NotificationsConfig.RobotKind.WECOM, URL,
                null, null, null);
        assertThat(robot.toString()).contains("https://hooks.example.com:8443/***").doesNotContain(SECRETS);
        assertThat(robot.safeUrl()).isEqualTo("https://hooks.example.com:8443/***");
        assertThat(new NotificationsConfig.Robot("x", NotificationsConfig.RobotKind.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/abc",
                null, null, null).safeUrl()).isEqualTo("https://open.feishu.cn/***");
    }

    @Test
    void anUnparsableUrlIsHiddenCompletely() {
        CoreConfig.Webhook hook = new CoreConfig.Webhook("erp", "https://hooks.example.com/a b?token=QUERY-TOKEN", "x".repeat(16), null, null);
        assertThat(hook.toString()).doesNotContain("QUERY-TOKEN", "hooks.example.com");
    }

    @Test
    void bootProblemsNameTheFieldWithoutTheToken() {
        assertThatThrownBy(() -> OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).config("core", Map.of(
                "webhooks", List.of(Map.of("id", "erp", "url", "ftp://hooks.example.com/x?token=QUERY-TOKEN", "secret", "x".repeat(16))),
                "notifications", Map.of("robots", List.of(Map.of("id", "wecom", "kind", "WECOM",
                        "url", "ftp://qyapi.example.com/send?key=ROBOT-KEY"))))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("core.webhooks[0].url must be an http or https URL")
                .hasMessageContaining("ftp://hooks.example.com/***")
                .hasMessageContaining("core.notifications.robots[0].url must be an http or https URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("QUERY-TOKEN", "ROBOT-KEY"));
    }
}
