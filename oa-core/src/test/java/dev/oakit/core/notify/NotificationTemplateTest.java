package dev.oakit.core.notify;

import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.notify.NotifyTestSupport.NotifyPlugin;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.oakit.core.notify.NotifyTestSupport.core;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates: placeholders, missing variables, syntax, HTML escaping, JSON/YAML files and locale fallback. */
class NotificationTemplateTest {
    @Test
    void rendersVariablesNestedValuesAndSpacesInBraces() {
        NotificationTemplate t = new NotificationTemplate("order.paid", Locale.forLanguageTag("zh-CN"),
                "订单 {{ order.no }}", "{{name}} 支付了 {{order.amount}} 元", "<b>{{name}}</b>");

        RenderedMessage m = t.render(Map.of("name", "<王五>", "order", Map.of("no", "PO-1", "amount", 12.5)));

        assertThat(m.subject()).isEqualTo("订单 PO-1");
        assertThat(m.body()).isEqualTo("<王五> 支付了 12.5 元");
        assertThat(m.html()).isEqualTo("<b>&lt;王五&gt;</b>");
        assertThat(t.variables()).containsExactly("order.no", "name", "order.amount");
    }

    @Test
    void missingVariablesAreAllNamed() {
        NotificationTemplate t = NotificationTemplate.of("k", "en", "{{a}}", "{{b}} {{a}} {{c}}");
        java.util.Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("b", "x");
        vars.put("c", null);

        assertThatThrownBy(() -> t.render(vars)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.paths()).containsExactly("variables.a", "variables.c");
            assertThat(e.getMessage()).contains("template 'k' (en) uses {{a}}");
        });
    }

    @Test
    void badPlaceholdersFailWhenTheTemplateIsCreated() {
        assertThatThrownBy(() -> NotificationTemplate.of("k", "en", "hi {{name", "ok"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("subject").hasMessageContaining("without a closing");
        assertThatThrownBy(() -> NotificationTemplate.of("k", "en", "", "{{ two words }}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("body").hasMessageContaining("invalid placeholder");
    }

    @Test
    void parsesYamlAndJson() {
        List<NotificationTemplate> yaml = NotificationTemplate.parse("""
                templates:
                  - key: leave.approved
                    locale: zh-CN
                    subject: "请假已批准"
                    body: "{{name}}，您的请假申请已批准。"
                """);
        List<NotificationTemplate> json = NotificationTemplate.parse("""
                [{"key": "leave.approved", "locale": "en", "subject": "Approved", "body": "Hi {{name}}", "html": "<p>{{name}}</p>"}]""");

        assertThat(yaml).singleElement().satisfies(t -> {
            assertThat(t.locale()).isEqualTo(Locale.forLanguageTag("zh-CN"));
            assertThat(t.render(Map.of("name", "张三")).body()).isEqualTo("张三，您的请假申请已批准。");
        });
        assertThat(json).singleElement().satisfies(t -> assertThat(t.html()).isEqualTo("<p>{{name}}</p>"));
        assertThatThrownBy(() -> NotificationTemplate.parse("[{\"key\": \"x\", \"locale\": \"en\"}]"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("templates[0].body");
    }

    @Property(tries = 200)
    void aValueIsInsertedVerbatim(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String name, @ForAll String value) {
        NotificationTemplate t = NotificationTemplate.of("p", "en", "", "<{{" + name + "}}>");
        assertThat(t.render(Map.of(name, value)).body()).isEqualTo("<" + value + ">");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void localesFallBackToTheLanguageThenToEnglish(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new NotifyPlugin()).config("core", core(Map.of(
                "templates", List.of("classpath:dev/oakit/core/notify/test-templates.yaml")))));
        Notifications n = oa.service(Notifications.class);
        Map<String, Object> vars = Map.of("name", "Li", "days", 2, "approver", "Wang");

        assertThat(n.render("leave.approved", null, vars).subject()).isEqualTo("请假已批准：Li"); // default zh-CN
        assertThat(n.render("leave.approved", Locale.forLanguageTag("zh-TW"), vars).locale().toLanguageTag()).isEqualTo("zh-CN");
        assertThat(n.render("leave.approved", Locale.ENGLISH, vars).subject()).isEqualTo("Leave approved: Li");
        assertThat(n.render("leave.approved", Locale.JAPAN, vars).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(n.render("ticket.assigned", Locale.SIMPLIFIED_CHINESE, Map.of("ticket", Map.of("no", "T-1"))).body())
                .isEqualTo("Ticket T-1 is yours.");
        assertThat(n.render("meeting.reminder", Locale.SIMPLIFIED_CHINESE, Map.of("room", "A1")).body()).isEqualTo("会议室 A1");
        assertThat(n.render("meeting.reminder", Locale.US, Map.of("room", "A1")).body()).isEqualTo("Room A1");
        assertThat(n.render("meeting.reminder", Locale.JAPAN, Map.of("room", "A1")).locale()).isEqualTo(Locale.US);
        assertThat(n.render("meeting.reminder", Locale.forLanguageTag("en-GB"), Map.of("room", "A1")).subject())
                .isEqualTo("Meeting in A1");
        assertThatThrownBy(() -> n.render("nope", null, Map.of())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
        assertThat(n.send(Actor.of("acme", "hr", Notifications.SENDER_ROLE), NotificationRequest.of("meeting.reminder", List.of("a"), Map.of("room", "B2"))
                .withLocale(Locale.ENGLISH)).deliveryIds()).hasSize(1);
    }
}
