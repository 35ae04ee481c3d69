package dev.oakit.ticket.dispatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DecimalSample;
import dev.oakit.ticket.spi.DispatchRequest;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Number values of dispatch rules stay within the decimal limits, and compare by value without printing them in full. */
class DispatchNumberLimitsTest {
    static final DispatchOutcome HELPDESK = DispatchOutcome.of("helpdesk", "manual");

    private static DispatchRules floorRule(Object value) {
        return DispatchRules.builder().rule("floor", RuleConditions.any().field("floor", 3, value), DispatchOutcome.of("fac", "manual"))
                .otherwise(HELPDESK).build();
    }

    @Test
    void aRuleValueOutsideTheLimitsIsRefusedAtItsPath() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> floorRule(new BigDecimal("1e100000000")));
        assertThat(e.code()).isEqualTo(DispatchRules.INVALID);
        assertThat(e.problems()).extracting(Object::toString)
                .containsExactly("rules[0].when.fields.floor[1]: is too large: at most 30 digits before the decimal point");
        assertThat(catchThrowableOfType(ValidationException.class, () -> floorRule(Double.NaN)).paths())
                .containsExactly("rules[0].when.fields.floor[1]");
    }

    @Test
    void rulesReadFromJsonAreCheckedToo() {
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        ValueInstantiationException e = catchThrowableOfType(ValueInstantiationException.class, () -> json.readValue("""
                {"rules": [{"name": "tiny", "when": {"fields": {"ratio": [0.5, 1e-100000000]}}, "then": {"queue": "q"}}],
                 "otherwise": {"queue": "helpdesk", "strategy": "manual"}}""", DispatchRules.class));
        assertThat(e.getCause()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("rules[0].when.fields.ratio[1]: has too many decimal places: at most 20");
    }

    @Test
    void aTicketValueOutsideTheLimitsMatchesNoRuleAndIsNotWrittenOut() {
        DispatchRules rules = floorRule(new BigDecimal("4.50"));
        RuleMatch huge = rules.evaluate(DispatchRequest.builder().field("floor", new BigDecimal("3e1000000000")).build());
        assertThat(huge.isDefault()).isTrue();
        assertThat(huge.explanation()).contains("rule 'floor' (#1) no: field 'floor' = 'a number outside the decimal limits', not one of [3, 4.50]");
        RuleMatch long10 = rules.evaluate(DispatchRequest.builder().field("floor", BigInteger.TEN.pow(1_000_000)).build());
        assertThat(long10.isDefault()).isTrue();
        assertThat(rules.evaluate(DispatchRequest.builder().field("floor", 4.5d).build()).explanation())
                .startsWith("rule 'floor' (#1) matched: field 'floor' = '4.5'");
    }

    @Provide
    Arbitrary<DecimalSample> numbers() {
        return DecimalSample.any();
    }

    /** A rule takes a number iff it is within the limits; a ticket's number matches it iff both are within them and equal in value. */
    @Property(tries = 300)
    void numbersMatchByValueWithinTheLimits(@ForAll("numbers") DecimalSample rule, @ForAll("numbers") DecimalSample ticket,
                                            @ForAll boolean sameValue) {
        DecimalSample given = sameValue ? rule : ticket;
        BigDecimal ruleValue = rule.value();
        if (!rule.broken().isEmpty()) {
            assertThat(catchThrowableOfType(ValidationException.class, () -> floorRule(ruleValue)).problems())
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("rules[0].when.fields.floor[1]");
                        assertThat(rule.broken()).extracting(l -> l.message).contains(p.message());
                    });
            return;
        }
        // the same value, spelled without trailing zeros
        BigDecimal ticketValue = sameValue ? ruleValue.stripTrailingZeros() : given.value();
        boolean equal = given.broken().isEmpty() && ticketValue.compareTo(ruleValue) == 0;
        RuleMatch m = floorRule(ruleValue).evaluate(DispatchRequest.builder().field("floor", ticketValue).build());
        assertThat(m.isDefault()).isEqualTo(!equal && ticketValue.compareTo(BigDecimal.valueOf(3)) != 0);
    }
}
