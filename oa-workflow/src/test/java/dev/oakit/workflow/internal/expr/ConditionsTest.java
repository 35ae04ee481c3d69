package dev.oakit.workflow.internal.expr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.DateRange;
import dev.oakit.core.form.Money;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionsTest {
    private final Conditions conditions = new Conditions();

    private static Map<String, Object> leave(Object days, String type) {
        return Map.of("form", Map.of("days", days, "type", type), "initiator", initiator("finance"));
    }

    private static Map<String, Object> initiator(String... roles) {
        return Map.of("id", "u-42", "name", "张三", "departmentId", "d-fin",
                "roles", List.of(roles), "attributes", Map.of("level", 7, "region", "east"));
    }

    private boolean eval(String expression, Map<String, ?> variables) {
        return conditions.compile(expression).evaluate(variables);
    }

    @Nested
    class TypicalOaConditions {
        @Test
        void leave_days_over_three() {
            assertThat(eval("form.days > 3", leave(5, "annual"))).isTrue();
            assertThat(eval("form.days > 3", leave(3, "annual"))).isFalse();
        }

        @Test
        void leave_type_and_days() {
            String c = "form.type == 'annual' && form.days >= 3";
            assertThat(eval(c, leave(3, "annual"))).isTrue();
            assertThat(eval(c, leave(3, "sick"))).isFalse();
            assertThat(eval(c, leave(2, "annual"))).isFalse();
        }

        @Test
        void money_threshold_reads_the_amount_as_a_double() {
            var big = Map.of("form", Map.of("amount", Money.of("5000.00", "CNY")));
            var small = Map.of("form", Map.of("amount", Money.of("4999.99", "CNY")));
            String c = "form.amount.amount >= 5000.0 && form.amount.currency == 'CNY'";
            assertThat(eval(c, big)).isTrue();
            assertThat(eval(c, small)).isFalse();
            // an int literal compares with the double amount as well
            assertThat(eval("form.amount.amount >= 5000", big)).isTrue();
        }

        @Test
        void money_given_as_a_map_with_decimal_amount() {
            var form = Map.of("form", Map.of("amount", Map.of("amount", new BigDecimal("1200.50"), "currency", "CNY")));
            assertThat(eval("form.amount.amount > 1200.0 && form.amount.amount < 1200.6", form)).isTrue();
        }

        @Test
        void role_membership_and_department() {
            var vars = Map.of("form", Map.of(), "initiator", initiator("finance", "manager"));
            assertThat(eval("'finance' in initiator.roles", vars)).isTrue();
            assertThat(eval("'hr' in initiator.roles", vars)).isFalse();
            assertThat(eval("initiator.departmentId == 'd-fin'", vars)).isTrue();
            assertThat(eval("initiator.attributes.level >= 7 && initiator.attributes.region == 'east'", vars)).isTrue();
            assertThat(eval("initiator.roles.exists(r, r.startsWith('fin'))", vars)).isTrue();
        }

        @Test
        void in_lists_and_boolean_logic() {
            var vars = Map.of("form", Map.of("city", "上海", "urgent", true, "items", List.of(
                    Map.of("sku", "A", "qty", 2), Map.of("sku", "B", "qty", 12))),
                    "instance", Map.of("priority", "HIGH", "businessKey", "PO-2026-7"));
            assertThat(eval("form.city in ['北京', '上海', '深圳']", vars)).isTrue();
            assertThat(eval("!(form.city in ['北京'])", vars)).isTrue();
            assertThat(eval("form.urgent || instance.priority == 'LOW'", vars)).isTrue();
            assertThat(eval("form.urgent", vars)).isTrue();
            assertThat(eval("form.items.exists(i, i.qty > 10)", vars)).isTrue();
            assertThat(eval("form.items.all(i, i.qty > 10)", vars)).isFalse();
            assertThat(eval("size(form.items) == 2 && instance.businessKey.startsWith('PO-')", vars)).isTrue();
        }

        @Test
        void optional_fields_with_has() {
            String c = "has(form.overtime) && form.overtime > 2";
            assertThat(eval(c, Map.of("form", Map.of()))).isFalse();
            assertThat(eval(c, Map.of("form", Map.of("overtime", 3)))).isTrue();
            assertThat(eval("!has(form.reason) || form.reason != ''", Map.of("form", Map.of()))).isTrue();
        }

        @Test
        void dates_are_iso_text() {
            var vars = Map.of("form", Map.of("start", LocalDate.of(2026, 5, 1),
                    "period", new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)),
                    "submittedAt", Instant.parse("2026-04-30T08:00:00Z")));
            assertThat(eval("form.start >= '2026-05-01' && form.start < '2026-06-01'", vars)).isTrue();
            assertThat(eval("form.period.start == '2026-10-01' && form.period.end == '2026-10-07'", vars)).isTrue();
            assertThat(eval("timestamp(form.submittedAt) < timestamp('2026-05-01T00:00:00Z')", vars)).isTrue();
        }

        @Test
        void nulls_and_jackson_trees() throws Exception {
            Map<String, Object> form = new HashMap<>();
            form.put("note", null);
            assertThat(eval("form.note == null", Map.of("form", form))).isTrue();

            var json = new ObjectMapper().readTree("""
                    {"days": 4, "ratio": 0.5, "type": "annual", "tags": ["a", "b"], "money": {"amount": 1200.50, "currency": "CNY"}, "none": null}""");
            var vars = Map.of("form", json);
            assertThat(eval("form.days > 3 && form.ratio < 1 && 'b' in form.tags && form.none == null", vars)).isTrue();
            assertThat(eval("form.money.amount >= 1200.5", vars)).isTrue();
        }

        @Test
        void missing_variables_are_empty_maps() {
            assertThat(eval("!has(instance.priority)", Map.of())).isTrue();
            assertThat(eval("size(form) == 0", Map.of())).isTrue();
        }
    }

    @Nested
    class Numbers {
        @ParameterizedTest
        @ValueSource(strings = {"3", "3.0", "3L", "3f"})
        void days_compare_by_value_whatever_their_java_type(String given) {
            Object days = switch (given) {
                case "3" -> 3;
                case "3.0" -> 3.0;
                case "3L" -> 3L;
                default -> 3.0f;
            };
            var vars = Map.of("form", Map.of("days", days));
            assertThat(eval("form.days > 3", vars)).isFalse();
            assertThat(eval("form.days >= 3", vars)).isTrue();
            assertThat(eval("form.days == 3", vars)).isTrue();
            assertThat(eval("form.days > 2.5", vars)).isTrue();
            assertThat(eval("form.days in [3, 4]", vars)).isTrue();
        }

        @Test
        void half_days() {
            var vars = Map.of("form", Map.of("days", new BigDecimal("3.5")));
            assertThat(eval("form.days > 3", vars)).isTrue();
            assertThat(eval("form.days < 4", vars)).isTrue();
        }

        @Test
        void arithmetic_needs_one_number_type_and_says_so() {
            var vars = Map.of("form", Map.of("days", 3.0, "count", 3));
            assertThat(eval("double(form.days) * 2.0 > 5.0", vars)).isTrue();
            assertThat(eval("form.count * 2 == 6", vars)).isTrue();
            assertThatThrownBy(() -> eval("form.days * 2 > 5", vars))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("OA-WF/CONDITION_FAILED")
                    .hasMessageContaining("No matching overload");
        }
    }

    @Nested
    class CheckTime {
        @Test
        void valid_condition_has_no_problems() {
            assertThat(conditions.check("form.days > 3")).isEmpty();
            assertThat(conditions.check("form.type == 'annual' && form.days >= 3")).isEmpty();
        }

        @Test
        void syntax_error_names_the_column() {
            assertThat(conditions.check("form.days >")).singleElement().asString()
                    .startsWith("column 12: ").contains("mismatched input");
            assertThat(conditions.check("form.days > 3 &&\nform.type = 'x'")).isNotEmpty()
                    .allSatisfy(p -> assertThat(p).startsWith("line 2, column "));
        }

        @Test
        void syntax_errors_show_a_percent_sign_as_it_was_written() {
            assertThat(conditions.check("form.days %% 2 == 0")).singleElement().asString()
                    .startsWith("column 12: extraneous input '%' expecting").doesNotContain("%%");
            assertThat(conditions.check("form.note == '50%' '60%'")).singleElement().asString()
                    .contains("'60%'").doesNotContain("%%");
        }

        @Test
        void unknown_variable_is_refused() {
            assertThat(conditions.check("applicant.days > 3")).singleElement().asString()
                    .isEqualTo("column 1: unknown name 'applicant'; a condition can use only the variables "
                            + "form, initiator, instance and CEL's standard functions");
        }

        @Test
        void non_boolean_result_is_refused() {
            assertThat(conditions.check("form.days + 1")).singleElement().asString()
                    .contains("gives a value of type int, not true or false");
            assertThat(conditions.check("'annual'")).singleElement().asString().contains("type string");
        }

        @Test
        void empty_and_too_long_are_refused() {
            assertThat(conditions.check("  ")).singleElement().asString().contains("empty");
            String tooLong = "form.days > 3" + " && form.days > 3".repeat(200);
            assertThat(tooLong.length()).isGreaterThan(Conditions.MAX_LENGTH);
            assertThat(conditions.check(tooLong)).singleElement().asString()
                    .contains(tooLong.length() + " characters long; the limit is 2000");
            String justFits = "form.days > 3" + " || form.days > 3".repeat((Conditions.MAX_LENGTH - 13) / 17);
            assertThat(justFits.length()).isLessThanOrEqualTo(Conditions.MAX_LENGTH);
            assertThat(conditions.check(justFits)).isEmpty();
        }

        @Test
        void compile_throws_every_problem() {
            assertThatThrownBy(() -> conditions.compile("foo > 1 && bar"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo("OA-WF/CONDITION_INVALID");
                        assertThat(e.paths()).containsOnly("condition");
                        assertThat(e.problems()).hasSize(2);
                        assertThat(e.getMessage()).contains("condition 'foo > 1 && bar'", "'foo'", "'bar'");
                    });
        }

        @Test
        void deep_nesting_is_refused() {
            String deep = "(".repeat(150) + "true" + ")".repeat(150);
            assertThat(conditions.check(deep)).isNotEmpty();
        }
    }

    @Nested
    class Sandbox {
        @ParameterizedTest
        @ValueSource(strings = {
                "java.lang.Runtime.getRuntime().exec('id') == null",
                "form.getClass().getName() == 'x'",
                "T(java.lang.System).exit(0)",
                "''.getClass().forName('java.lang.Runtime') != null",
                "system('id') == ''",
                "dev.oakit.core.OaKit == null"})
        void no_java_class_access(String attack) {
            assertThat(conditions.check(attack)).isNotEmpty();
            assertThatThrownBy(() -> conditions.compile(attack)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("OA-WF/CONDITION_INVALID");
        }

        @Test
        void comprehension_bombs_stop_at_the_iteration_limit() {
            String bomb = "form.xs.all(a, form.xs.all(b, form.xs.all(c, form.xs.all(d, true))))";
            var xs = new ArrayList<Integer>();
            for (int i = 0; i < 30; i++) {
                xs.add(i);
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> eval(bomb, Map.of("form", Map.of("xs", xs))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("OA-WF/CONDITION_FAILED")
                    .hasMessageContaining("looped more than 10000 times");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            // the same nesting over small lists is fine
            assertThat(eval(bomb, Map.of("form", Map.of("xs", List.of(1, 2, 3))))).isTrue();
        }
    }

    @Nested
    class Evaluation {
        @Test
        void missing_key_is_named() {
            assertThatThrownBy(() -> eval("form.type == 'annual' && form.days > 3", Map.of("form", Map.of("type", "annual"))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.code()).isEqualTo("OA-WF/CONDITION_FAILED");
                        assertThat(e.paths()).containsExactly("condition");
                        assertThat(e.getMessage())
                                .contains("condition 'form.type == 'annual' && form.days > 3'")
                                .contains("column 30")
                                .contains("key 'days' is not present")
                                .contains("has(form.days)");
                        assertThat(e.getSuppressed()).hasSize(1);
                    });
        }

        @Test
        void type_mismatch_is_named() {
            assertThatThrownBy(() -> eval("form.days > 3", Map.of("form", Map.of("days", "three"))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("OA-WF/CONDITION_FAILED")
                    .hasMessageContaining("form.days > 3")
                    .hasMessageContaining("column 11: a value has the wrong type")
                    .hasMessageContaining("No matching overload");
        }

        @Test
        void division_by_zero_is_named() {
            assertThatThrownBy(() -> eval("form.total / form.count > 100", Map.of("form", Map.of("total", 500, "count", 0))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("OA-WF/CONDITION_FAILED")
                    .hasMessageContaining("column 12: division by zero");
        }

        @Test
        void dynamic_non_boolean_result_is_refused() {
            assertThat(conditions.check("form.days")).isEmpty();
            assertThatThrownBy(() -> eval("form.days", Map.of("form", Map.of("days", 3))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("OA-WF/CONDITION_FAILED")
                    .hasMessageContaining("gave 3 (Long), not true or false");
        }

        @Test
        void unreadable_data_is_named_by_path() {
            assertThatThrownBy(() -> eval("form.days > 3", Map.of("form", Map.of("days", new Object()))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("OA-WF/CONDITION_FAILED")
                    .hasMessageContaining("form.days has type java.lang.Object");
            assertThatThrownBy(() -> eval("true", Map.of("form", List.of(1))))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("form must be a map");
        }

        @Test
        void unknown_variable_name_is_a_programming_error() {
            assertThatThrownBy(() -> eval("true", Map.of("forms", Map.of())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'forms'");
        }
    }

    @Nested
    class Caching {
        @Test
        void the_same_text_gives_the_same_compiled_condition() {
            Condition first = conditions.compile("form.days > 3");
            assertThat(conditions.compile("form.days > 3")).isSameAs(first);
            assertThat(conditions.cached()).isEqualTo(1);
            assertThat(conditions.check("form.days > 3")).isEmpty();
            assertThat(conditions.cached()).isEqualTo(1);
        }

        @Test
        void checked_conditions_are_cached_and_invalid_ones_are_not() {
            conditions.check("form.days > 5");
            conditions.check("form.days >");
            assertThat(conditions.cached()).isEqualTo(1);
        }

        @Test
        void the_cache_is_bounded_and_keeps_the_recently_used() {
            Conditions small = new Conditions(3);
            Condition hot = small.compile("form.days > 0");
            for (int i = 1; i <= 10; i++) {
                small.compile("form.days > " + i);
                assertThat(small.compile("form.days > 0")).isSameAs(hot);
            }
            assertThat(small.cached()).isEqualTo(3);
        }

        @Test
        void a_cache_smaller_than_one_entry_is_refused() {
            assertThatThrownBy(() -> new Conditions(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cacheSize");
        }

        @Test
        void many_threads_evaluate_one_condition() throws Exception {
            Condition condition = conditions.compile("form.type == 'annual' && form.days > 3 && 'finance' in initiator.roles");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Integer>> tasks = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int offset = t;
                    tasks.add(() -> {
                        int wrong = 0;
                        for (int i = 0; i < 500; i++) {
                            int days = (i + offset) % 7;
                            boolean expected = days > 3;
                            if (condition.evaluate(leave(days, "annual")) != expected) {
                                wrong++;
                            }
                            if (conditions.compile("form.days > " + (i % 20)) == null) {
                                wrong++;
                            }
                        }
                        return wrong;
                    });
                }
                for (Future<Integer> f : pool.invokeAll(tasks)) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(conditions.cached()).isEqualTo(21);
        }
    }

    @ParameterizedTest
    @CsvSource({"5, 3, true", "3, 3, false", "-1, -2, true", "0, 0, false"})
    void examples_of_the_property(long d, long t, boolean expected) {
        assertThat(eval("form.days > " + t, Map.of("form", Map.of("days", d)))).isEqualTo(expected);
    }
}
