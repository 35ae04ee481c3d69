package dev.oakit.core.form;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.oakit.core.form.ExpenseForm.json;
import static dev.oakit.core.form.ExpenseForm.node;
import static dev.oakit.core.form.ExpenseForm.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FormDataValidationTest {
    static final FormSchema SCHEMA = ExpenseForm.built();

    private static List<String> problems(ObjectNode data) {
        return SCHEMA.problems(data).stream().map(Problem::toString).toList();
    }

    private static ObjectNode with(String key, Object value) {
        ObjectNode data = valid();
        data.set(key, node(value));
        return data;
    }

    @Test
    void validDataPasses() {
        assertThat(SCHEMA.problems(valid())).isEmpty();
        SCHEMA.validate(valid());
    }

    @Test
    void normalizeReturnsTypedValuesWithDefaults() {
        Map<String, Object> data = SCHEMA.normalize(valid());
        assertThat(data.get("days")).isEqualTo(2L);
        assertThat(data.get("rate")).isEqualTo(new BigDecimal("1.25"));
        assertThat(data.get("total")).isEqualTo(Money.of("1200.50", "CNY"));
        assertThat(data.get("spentOn")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(data.get("meetingAt")).isEqualTo(LocalDateTime.of(2024, 5, 1, 9, 30));
        assertThat(data.get("period")).isEqualTo(new DateRange(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 3)));
        assertThat(data.get("tags")).isEqualTo(List.of("a", "c"));
        assertThat(data.get("receipt")).isEqualTo(new AttachmentRef("f-1", "taxi.pdf", 1024L));
        assertThat(data.get("note")).isEqualTo("none");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) data.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(1).get("amount")).isEqualTo(Money.of("600.25", "CNY"));
        assertThat(items.get(1)).doesNotContainKey("day");
        assertThat(data.keySet()).startsWith("reason", "details", "days");
    }

    @Test
    void acceptsPlainJavaMaps() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", "Hotel");
        data.put("total", new Money(new BigDecimal("10.00"), "CNY"));
        data.put("period", Map.of("start", LocalDate.of(2024, 5, 1), "end", LocalDate.of(2024, 5, 1)));
        data.put("kind", "sick");
        data.put("approver", "u-1");
        data.put("items", List.of(Map.of("name", "bed", "amount", Map.of("amount", "10.00", "currency", "CNY"))));
        SCHEMA.validate(data);
        assertThat(SCHEMA.normalize(data).get("total")).isEqualTo(Money.of("10.00", "CNY"));
    }

    @Test
    void reportsEveryProblemInFieldOrderWithPathsAndFixes() {
        ObjectNode data = json("""
                {'details': 'abc', 'days': 31, 'rate': 1.255,
                 'total': {'amount': '5000.01', 'currency': 'CNY'},
                 'spentOn': '2024-02-30', 'meetingAt': '2023-12-31T23:59',
                 'period': {'start': '2024-05-03', 'end': '2024-05-01'},
                 'kind': 'vacation', 'tags': ['a', 'b', 'c'], 'approver': '', 'dept': 7,
                 'receipt': {'name': 'x.pdf'}, 'phone': '12345',
                 'items': [{'name': 'ok', 'amount': {'amount': '1.00', 'currency': 'CNY'}},
                           {'name': '', 'amount': {'amount': '1000.01', 'currency': 'CNY'}, 'day': 'May 1st', 'extra': 1},
                           {'amount': {'amount': '12.345', 'currency': 'USD'}}],
                 'colour': 'blue'}
                """);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> SCHEMA.validate(data));
        assertThat(e.code()).isEqualTo("OA-CORE/FORM_INVALID");
        assertThat(e.problems().stream().map(Problem::toString)).containsExactly(
                "reason: is required",
                "details: must be at least 5 characters",
                "days: must be at most 30",
                "rate: must have at most 2 decimal places",
                "total: must be at most 5000.00 CNY",
                "spentOn: must be a valid date like 2024-05-01 ('2024-02-30' does not exist)",
                "meetingAt: must be at or after 2024-01-01T00:00",
                "period.end: must not be before start 2024-05-03",
                "kind: must be one of [annual, sick]",
                "tags: choose at most 2 of [a, b, c]",
                "approver: is required",
                "dept: must be a department id (text)",
                "receipt.id: is required",
                "phone: must match the pattern 1[0-9]{10}",
                "items[1].name: is required",
                "items[1].amount: must be at most 1000.00 CNY",
                "items[1].day: must be a date like 2024-05-01",
                "items[1].extra: is not a column of table 'items'; remove it (columns: [name, amount, day])",
                "items[2].name: is required",
                "items[2].amount.amount: must have at most 2 decimal places",
                "items[2].amount.currency: must be CNY; this field takes amounts in CNY only",
                "colour: is not a field of this form; remove it (fields: [reason, details, days, rate, total, spentOn, "
                        + "meetingAt, period, kind, tags, approver, dept, receipt, phone, items, note])");
        assertThat(e.getMessage()).startsWith("[OA-CORE/FORM_INVALID] Invalid data of form 'expense' (22 problems): reason: is required;");
    }

    @Test
    void textAndTextarea() {
        assertThat(problems(with("reason", "x".repeat(21)))).containsExactly("reason: must be at most 20 characters");
        assertThat(problems(with("reason", 5))).containsExactly("reason: must be text");
        assertThat(problems(with("reason", null))).containsExactly("reason: is required");
        assertThat(problems(with("details", ""))).containsExactly("details: must be at least 5 characters");
        assertThat(problems(with("phone", "1380013800a"))).containsExactly("phone: must match the pattern 1[0-9]{10}");
        assertThat(problems(with("phone", "x13800138000"))).as("pattern matches the whole value").hasSize(1);
    }

    @Test
    void numbers() {
        assertThat(problems(with("days", 0))).containsExactly("days: must be at least 1");
        assertThat(problems(with("days", 1.5))).containsExactly("days: must be a whole number");
        assertThat(problems(with("days", 2.0))).isEmpty();
        assertThat(problems(with("days", "2"))).containsExactly("days: must be a whole number");
        assertThat(problems(with("rate", new BigDecimal("0.49")))).containsExactly("rate: must be at least 0.50");
        assertThat(problems(with("rate", new BigDecimal("99.99")))).isEmpty();
        assertThat(problems(with("rate", "1"))).containsExactly("rate: must be a number");
    }

    @Test
    void money() {
        assertThat(problems(with("total", Map.of("amount", "0.00", "currency", "CNY")))).containsExactly("total: must be at least 0.01 CNY");
        assertThat(problems(with("total", Map.of("amount", 5000, "currency", "CNY")))).isEmpty();
        assertThat(problems(with("total", Map.of("amount", "12,00", "currency", "CNY"))))
                .containsExactly("total.amount: must be a decimal number like \"1200.50\"");
        assertThat(problems(with("total", Map.of("amount", "1.00")))).containsExactly("total.currency: is required, e.g. CNY");
        assertThat(problems(with("total", "1200.50"))).containsExactly(
                "total: must be a money value like {\"amount\":\"1200.50\",\"currency\":\"CNY\"}");
        assertThat(problems(with("total", Map.of("amount", "1", "currency", "CNY", "rate", 7))))
                .containsExactly("total.rate: is not part of a money value; use only amount and currency");
        FormSchema any = FormSchema.builder("m").money("fee", f -> f.scale(0)).build();
        assertThat(any.problems(json("{'fee': {'amount': '10', 'currency': 'usd'}}")).toString())
                .isEqualTo("[fee.currency: must be an ISO 4217 currency code like CNY]");
        assertThat(any.problems(json("{'fee': {'amount': '10.5', 'currency': 'USD'}}")).toString())
                .isEqualTo("[fee.amount: must be a whole number]");
    }

    @Test
    void datesAndRanges() {
        assertThat(problems(with("spentOn", "2023-12-31"))).containsExactly("spentOn: must be on or after 2024-01-01");
        assertThat(problems(with("spentOn", "2031-01-01"))).containsExactly("spentOn: must be on or before 2030-12-31");
        assertThat(problems(with("spentOn", "01/05/2024"))).containsExactly("spentOn: must be a date like 2024-05-01");
        assertThat(problems(with("meetingAt", "2024-05-01 09:30"))).containsExactly("meetingAt: must be a date and time like 2024-05-01T09:30");
        assertThat(problems(with("meetingAt", "2024-05-01T25:30"))).containsExactly("meetingAt: must be a valid date and time like 2024-05-01T09:30");
        assertThat(problems(with("meetingAt", "2024-05-01T09:30:15"))).isEmpty();
        assertThat(problems(with("period", Map.of("start", "2023-12-31", "end", "2024-01-02"))))
                .containsExactly("period.start: must be on or after 2024-01-01");
        assertThat(problems(with("period", Map.of("start", "2030-12-31", "end", "2031-01-01"))))
                .containsExactly("period.end: must be on or before 2030-12-31");
        assertThat(problems(with("period", Map.of("start", "2024-05-01", "end", "2024-05-01")))).isEmpty();
        assertThat(problems(with("period", Map.of("start", "2024-05-01")))).containsExactly("period.end: is required, a date like 2024-05-01");
    }

    @Test
    void selects() {
        assertThat(problems(with("kind", null))).containsExactly("kind: is required");
        assertThat(problems(with("tags", List.of()))).containsExactly("tags: choose at least 1 of [a, b, c]");
        assertThat(problems(with("tags", List.of("a", "a")))).containsExactly("tags: must not contain the same option twice");
        assertThat(problems(with("tags", List.of("a", "z")))).containsExactly("tags[1]: must be one of [a, b, c]");
        assertThat(problems(with("tags", "a"))).containsExactly("tags: must be a list of values from [a, b, c]");
    }

    @Test
    void usersDepartmentsAttachments() {
        assertThat(problems(with("approver", 42))).containsExactly("approver: must be a user id (text)");
        assertThat(problems(with("dept", ""))).containsExactly("dept: must not be empty; leave the field out instead");
        assertThat(problems(with("receipt", "file-123"))).isEmpty();
        assertThat(SCHEMA.normalize(with("receipt", "file-123")).get("receipt")).isEqualTo(new AttachmentRef("file-123", null, null));
        assertThat(problems(with("receipt", Map.of("id", "f", "size", -1)))).containsExactly("receipt.size: must be 0 or more");
        assertThat(problems(with("receipt", 12))).containsExactly(
                "receipt: must be a file reference: its id as text, or {\"id\":..,\"name\":..,\"size\":..}");
    }

    @Test
    void tables() {
        assertThat(problems(with("items", List.of()))).containsExactly("items: is required; add at least one row");
        ObjectNode four = valid();
        four.withArray("items").add(four.get("items").get(0).deepCopy()).add(four.get("items").get(0).deepCopy());
        assertThat(problems(four)).containsExactly("items: must have at most 3 rows");
        assertThat(problems(with("items", List.of("row")))).containsExactly(
                "items[0]: each row must be an object of column values [name, amount, day]");
    }

    @Test
    void nonObjectDataIsOneProblem() {
        assertThat(SCHEMA.problems(node(List.of(1))).toString()).isEqualTo("[form data must be a JSON object of field values]");
    }

    @Test
    void unknownFieldsMayBeIgnored() {
        ObjectNode data = with("colour", "blue");
        FormValidator lenient = SCHEMA.validator(UnknownFields.IGNORE);
        assertThat(lenient.problems(data)).isEmpty();
        assertThat(lenient.normalize(data)).doesNotContainKey("colour");
        assertThat(lenient.unknownFields()).isEqualTo(UnknownFields.IGNORE);
        assertThat(SCHEMA.validator().problems(data)).extracting(Problem::path).containsExactly("colour");
    }

    @Test
    void defaultsFillAbsentAndNullFields() {
        ObjectNode data = with("note", null);
        assertThat(SCHEMA.normalize(data).get("note")).isEqualTo("none");
        FormSchema withDefault = FormSchema.builder("d").select("kind", f -> f.required().options("a", "b").defaultValue("b")).build();
        assertThat(withDefault.normalize(json("{}"))).containsEntry("kind", "b");
    }
}
