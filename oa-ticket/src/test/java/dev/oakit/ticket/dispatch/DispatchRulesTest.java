package dev.oakit.ticket.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.spi.DispatchRequest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Rules as data: conditions, first match, default, explanations, validation and JSON. */
class DispatchRulesTest {
    static final DispatchRules RULES = DispatchRules.builder()
            .rule("printers", RuleConditions.any().categories("it/printer"), DispatchOutcome.of("facilities", "round-robin"))
            .rule("urgent-network", RuleConditions.any().categories("it/network").priorities("HIGH", "URGENT"),
                    new DispatchOutcome("network", "skill-match-any", null, "gold"))
            .rule("beijing-site", RuleConditions.any().types("incident", "request").field("site", "BJ", "BJ-2").field("floor", 3),
                    new DispatchOutcome(null, null, "HIGH", null))
            .rule("email", RuleConditions.any().channels("email"), DispatchOutcome.of("mailroom", "claim"))
            .otherwise(new DispatchOutcome("helpdesk", "least-loaded", null, "standard"))
            .build();

    @Test
    void aCategoryMatchesItsSubtreeNotItsPrefixText() {
        RuleMatch vpn = RULES.evaluate(DispatchRequest.builder().category("it/network/vpn").priority("URGENT").build());
        assertThat(vpn.rule()).isEqualTo("urgent-network");
        assertThat(vpn.index()).isEqualTo(1);
        assertThat(vpn.outcome()).isEqualTo(new DispatchOutcome("network", "skill-match-any", null, "gold"));
        assertThat(vpn.explanation()).isEqualTo("rule 'urgent-network' (#2) matched: category 'it/network/vpn' under 'it/network',"
                + " priority 'URGENT' in [HIGH, URGENT] → queue 'network', strategy 'skill-match-any', SLA policy 'gold';"
                + " before it: rule 'printers' (#1) no: category 'it/network/vpn' not under [it/printer]");

        RuleMatch networking = RULES.evaluate(DispatchRequest.builder().category("it/networking").priority("URGENT").build());
        assertThat(networking.isDefault()).isTrue();
        assertThat(RULES.evaluate(DispatchRequest.builder().category("it/network").priority("HIGH").build()).rule())
                .isEqualTo("urgent-network");
    }

    @Test
    void customFieldsMatchByEqualsOrInAndNumbersByValue() {
        DispatchRequest bj = DispatchRequest.builder().ticketType("incident").field("site", "BJ-2").field("floor", 3.0).build();
        RuleMatch m = RULES.evaluate(bj);
        assertThat(m.rule()).isEqualTo("beijing-site");
        assertThat(m.outcome()).as("missing components come from the default")
                .isEqualTo(new DispatchOutcome("helpdesk", "least-loaded", "HIGH", "standard"));
        assertThat(m.explanation()).startsWith("rule 'beijing-site' (#3) matched: type 'incident' in [incident, request],"
                + " field 'site' = 'BJ-2', field 'floor' = '3' → queue 'helpdesk', strategy 'least-loaded', priority 'HIGH'");

        RuleMatch otherFloor = RULES.evaluate(DispatchRequest.builder().ticketType("incident").field("site", "BJ").field("floor", 4).build());
        assertThat(otherFloor.isDefault()).isTrue();
        assertThat(otherFloor.explanation()).contains("rule 'beijing-site' (#3) no: field 'floor' = '4', not one of [3]");
        assertThat(RULES.evaluate(DispatchRequest.builder().ticketType("incident").field("floor", 3).build()).explanation())
                .contains("field 'site' is empty, not one of [BJ, BJ-2]");
    }

    @Test
    void theFirstMatchingRuleWinsAndTheDefaultExplainsEveryMiss() {
        DispatchRequest printerByMail = DispatchRequest.builder().category("it/printer/toner").channel("email").build();
        assertThat(RULES.evaluate(printerByMail).rule()).isEqualTo("printers");

        RuleMatch none = RULES.evaluate(DispatchRequest.builder().ticketType("change").channel("api").build());
        assertThat(none.index()).isEqualTo(-1);
        assertThat(none.outcome()).isEqualTo(RULES.otherwise());
        assertThat(none.explanation()).isEqualTo("no rule matched, default → queue 'helpdesk', strategy 'least-loaded',"
                + " SLA policy 'standard'; before it: rule 'printers' (#1) no: category (none) not under [it/printer];"
                + " rule 'urgent-network' (#2) no: category (none) not under [it/network];"
                + " rule 'beijing-site' (#3) no: type 'change' not in [incident, request];"
                + " rule 'email' (#4) no: channel 'api' not in [email]");
    }

    @Test
    void validationNamesEveryProblem() {
        List<DispatchRule> rules = Arrays.asList(DispatchRule.of("a", RuleConditions.any().categories("it/"), DispatchOutcome.of("q", "manual")),
                DispatchRule.of("a", null, null), null, DispatchRule.of(" ", null, DispatchOutcome.of("q", null)));
        assertThatThrownBy(() -> new DispatchRules(rules, new DispatchOutcome(null, " ", null, null)))
                .asInstanceOf(type(ValidationException.class))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo(DispatchRules.INVALID);
                    assertThat(e.paths()).containsExactly("rules[0].when.categories[0]", "rules[1].name", "rules[1].then", "rules[2]",
                            "rules[3].name", "otherwise.queue", "otherwise.strategy");
                });
        List<DispatchRule> typo = new java.util.ArrayList<>(RULES.rules());
        typo.set(1, DispatchRule.of("urgent-network", null, DispatchOutcome.of("network", "fastest")));
        assertThatThrownBy(() -> new DispatchRules(typo, RULES.otherwise()).checkStrategies(DispatchStrategies.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rules[1].then.strategy: 'fastest' is no known dispatch strategy; use one of [manual, claim");
        RULES.checkStrategies(DispatchStrategies.of());
    }

    @Test
    void rulesRoundTripThroughJson() throws Exception {
        ObjectMapper json = JsonMapper.builder().build();
        String text = json.writeValueAsString(RULES);
        assertThat(json.readValue(text, DispatchRules.class)).isEqualTo(RULES);
        DispatchRules fromJson = json.readValue("""
                {"rules": [{"name": "vip", "when": {"fields": {"customerLevel": ["gold", "platinum"]}},
                            "then": {"queue": "vip", "strategy": "retain-familiar", "slaPolicy": "gold"}}],
                 "otherwise": {"queue": "helpdesk", "strategy": "round-robin"}}""", DispatchRules.class);
        RuleMatch m = fromJson.evaluate(DispatchRequest.builder().field("customerLevel", "gold").build());
        assertThat(m.outcome()).isEqualTo(new DispatchOutcome("vip", "retain-familiar", null, "gold"));
    }
}
