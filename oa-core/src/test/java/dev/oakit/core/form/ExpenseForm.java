package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The expense form used across the form tests: every field type and most constraints. */
final class ExpenseForm {
    static final ObjectMapper MAPPER = Json.JSON;

    private ExpenseForm() {
    }

    static FormSchema built() {
        return FormSchema.builder("expense").version(2).title("Expense claim")
                .text("reason", f -> f.label("Reason").required().maxLength(20))
                .textarea("details", f -> f.label("Details").minLength(5).description("What was bought and why"))
                .number("days", f -> f.label("Days").integer().min(1).max(30))
                .number("rate", f -> f.label("Rate").scale(2).min("0.50").max("99.99"))
                .money("total", f -> f.label("Total").required().currency("CNY").min("0.01").max("5000.00"))
                .date("spentOn", f -> f.label("Spent on").min("2024-01-01").max("2030-12-31"))
                .datetime("meetingAt", f -> f.label("Meeting at").min("2024-01-01T00:00"))
                .dateRange("period", f -> f.label("Period").required().min("2024-01-01").max("2030-12-31"))
                .select("kind", f -> f.label("Kind").required().option("annual", "Annual leave").option("sick", "Sick leave"))
                .multiSelect("tags", f -> f.label("Tags").min(1).max(2).options("a", "b", "c"))
                .user("approver", f -> f.label("Approver").required())
                .department("dept", f -> f.label("Department"))
                .attachment("receipt", f -> f.label("Receipt"))
                .text("phone", f -> f.label("Phone").pattern("1[0-9]{10}"))
                .table("items", t -> t.label("Items").required().max(3)
                        .text("name", f -> f.label("Name").required())
                        .money("amount", f -> f.label("Amount").required().currency("CNY").max("1000.00"))
                        .date("day", f -> f.label("Day")))
                .text("note", f -> f.label("Note").defaultValue("none"))
                .build();
    }

    static String resource(String name) {
        try (InputStream in = ExpenseForm.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Valid data; single quotes stand for double quotes. */
    static ObjectNode valid() {
        return json("""
                {'reason': 'Taxi to client', 'details': 'Two rides', 'days': 2, 'rate': 1.25,
                 'total': {'amount': '1200.50', 'currency': 'CNY'},
                 'spentOn': '2024-05-01', 'meetingAt': '2024-05-01T09:30',
                 'period': {'start': '2024-05-01', 'end': '2024-05-03'},
                 'kind': 'annual', 'tags': ['a', 'c'], 'approver': 'u-42', 'dept': 'd-7',
                 'receipt': {'id': 'f-1', 'name': 'taxi.pdf', 'size': 1024}, 'phone': '13800138000',
                 'items': [{'name': 'ride 1', 'amount': {'amount': '600.25', 'currency': 'CNY'}, 'day': '2024-05-01'},
                           {'name': 'ride 2', 'amount': {'amount': 600.25, 'currency': 'CNY'}}]}
                """);
    }

    static JsonNode node(Object value) {
        return Json.toTree(value);
    }
}
