package dev.oakit.workflow.internal.expr;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionPropertiesTest {
    private final Conditions conditions = new Conditions();

    @Property
    void days_over_threshold_agrees_with_java(@ForAll int d, @ForAll int t) {
        Condition condition = conditions.compile("form.days > " + t);
        assertThat(condition.evaluate(Map.of("form", Map.of("days", d)))).isEqualTo(d > t);
    }

    @Property
    void integral_doubles_compare_like_ints(@ForAll @IntRange(min = -100_000, max = 100_000) int d,
                                            @ForAll @IntRange(min = -100_000, max = 100_000) int t) {
        Condition condition = conditions.compile("form.days > " + t + " && form.days >= " + t + ".0");
        assertThat(condition.evaluate(Map.of("form", Map.of("days", (double) d)))).isEqualTo(d > t);
    }
}
