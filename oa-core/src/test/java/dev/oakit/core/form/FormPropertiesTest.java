package dev.oakit.core.form;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.ValidationException.Problem;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated valid data always validates; one mutation that breaks one constraint gives exactly one problem at its path. */
class FormPropertiesTest {
    static final FormSchema SCHEMA = ExpenseForm.built();
    static final LocalDate MIN = LocalDate.of(2024, 1, 1);

    record Mutation(String name, String path, Consumer<ObjectNode> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Property(tries = 300)
    void validDataAlwaysValidates(@ForAll("validData") ObjectNode data) {
        assertThat(SCHEMA.problems(data)).isEmpty();
        assertThat(SCHEMA.normalize(data)).containsKeys("reason", "total", "period", "kind", "approver", "items", "note");
        assertThat(FormSchema.fromJson(SCHEMA.toJson()).problems(data)).isEmpty();
    }

    @Property(tries = 600)
    void oneBrokenConstraintIsExactlyOneProblemAtItsPath(@ForAll("validData") ObjectNode data, @ForAll("mutations") Mutation mutation) {
        mutation.apply().accept(data);
        String path = mutation.path().replace("LAST", Integer.toString(data.get("items").size() - 1));
        List<Problem> problems = SCHEMA.problems(data);
        assertThat(problems).extracting(Problem::path).containsExactly(path);
        assertThat(problems.get(0).message()).isNotBlank().doesNotContain("$.");
    }

    @Provide
    Arbitrary<ObjectNode> validData() {
        return Arbitraries.randomValue(FormPropertiesTest::generate);
    }

    static ObjectNode generate(Random r) {
        ObjectNode d = Json.JSON.createObjectNode();
        d.put("reason", word(r, 1, 20));
        if (r.nextBoolean()) {
            d.put("details", word(r, 5, 60));
        }
        if (r.nextBoolean()) {
            d.put("days", 1 + r.nextInt(30));
        }
        if (r.nextBoolean()) {
            d.put("rate", BigDecimal.valueOf(50 + r.nextInt(9950), 2));
        }
        d.set("total", money(r, 1, 500_000, r.nextBoolean()));
        if (r.nextBoolean()) {
            d.put("spentOn", MIN.plusDays(r.nextInt(2500)).toString());
        }
        if (r.nextBoolean()) {
            d.put("meetingAt", LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(r.nextInt(5_000_000)).toString());
        }
        LocalDate start = MIN.plusDays(1 + r.nextInt(2000));
        d.putObject("period").put("start", start.toString()).put("end", start.plusDays(r.nextInt(30)).toString());
        d.put("kind", r.nextBoolean() ? "annual" : "sick");
        if (r.nextBoolean()) {
            ArrayNode tags = d.putArray("tags");
            List<String> options = new java.util.ArrayList<>(List.of("a", "b", "c"));
            java.util.Collections.shuffle(options, r);
            options.subList(0, 1 + r.nextInt(2)).forEach(tags::add);
        }
        d.put("approver", "u-" + r.nextInt(1000));
        if (r.nextBoolean()) {
            d.put("dept", "d-" + r.nextInt(100));
        }
        switch (r.nextInt(3)) {
            case 0 -> d.put("receipt", "file-" + r.nextInt(100));
            case 1 -> d.putObject("receipt").put("id", "f-" + r.nextInt(100)).put("name", word(r, 1, 10) + ".pdf").put("size", r.nextInt(1 << 20));
            default -> { }
        }
        if (r.nextBoolean()) {
            StringBuilder phone = new StringBuilder("1");
            for (int i = 0; i < 10; i++) {
                phone.append(r.nextInt(10));
            }
            d.put("phone", phone.toString());
        }
        ArrayNode items = d.putArray("items");
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            ObjectNode row = items.addObject().put("name", word(r, 1, 10));
            row.set("amount", money(r, 0, 100_000, r.nextBoolean()));
            if (r.nextBoolean()) {
                row.put("day", MIN.plusDays(r.nextInt(3000)).toString());
            }
        }
        if (r.nextBoolean()) {
            d.put("note", word(r, 0, 10));
        }
        return d;
    }

    private static ObjectNode money(Random r, int minCents, int maxCents, boolean asNumber) {
        BigDecimal amount = BigDecimal.valueOf(minCents + r.nextInt(maxCents - minCents + 1), 2);
        ObjectNode m = Json.JSON.createObjectNode();
        if (asNumber) {
            m.put("amount", amount);
        } else {
            m.put("amount", amount.toPlainString());
        }
        return m.put("currency", "CNY");
    }

    private static String word(Random r, int min, int max) {
        String letters = "abcdefghijklmnopqrstuvwxyz 请假报销出差";
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = min + r.nextInt(max - min + 1); i < n; i++) {
            sb.append(letters.charAt(r.nextInt(letters.length())));
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Arbitraries.of(
                new Mutation("reason too long", "reason", d -> d.put("reason", "x".repeat(21))),
                new Mutation("reason missing", "reason", d -> d.remove("reason")),
                new Mutation("details too short", "details", d -> d.put("details", "abc")),
                new Mutation("days above max", "days", d -> d.put("days", 31)),
                new Mutation("days below min", "days", d -> d.put("days", 0)),
                new Mutation("days not whole", "days", d -> d.put("days", new BigDecimal("2.5"))),
                new Mutation("rate too precise", "rate", d -> d.put("rate", new BigDecimal("1.005"))),
                new Mutation("total above max", "total", d -> ((ObjectNode) d.get("total")).put("amount", "5000.01")),
                new Mutation("total zero", "total", d -> ((ObjectNode) d.get("total")).put("amount", 0)),
                new Mutation("total wrong currency", "total.currency", d -> ((ObjectNode) d.get("total")).put("currency", "USD")),
                new Mutation("total amount not decimal", "total.amount", d -> ((ObjectNode) d.get("total")).put("amount", "1,5")),
                new Mutation("total not an object", "total", d -> d.put("total", "1200.50")),
                new Mutation("spentOn impossible", "spentOn", d -> d.put("spentOn", "2024-13-01")),
                new Mutation("spentOn before min", "spentOn", d -> d.put("spentOn", "2023-12-31")),
                new Mutation("meetingAt before min", "meetingAt", d -> d.put("meetingAt", "2023-12-31T10:00")),
                new Mutation("period end before start", "period.end", d -> {
                    ObjectNode p = (ObjectNode) d.get("period");
                    p.put("end", LocalDate.parse(p.get("start").asText()).minusDays(1).toString());
                }),
                new Mutation("period start missing", "period.start", d -> ((ObjectNode) d.get("period")).remove("start")),
                new Mutation("period end after max", "period.end", d -> ((ObjectNode) d.get("period")).put("end", "2031-01-01")),
                new Mutation("kind unknown", "kind", d -> d.put("kind", "vacation")),
                new Mutation("too many tags", "tags", d -> d.putArray("tags").add("a").add("b").add("c")),
                new Mutation("unknown tag", "tags[0]", d -> d.putArray("tags").add("z")),
                new Mutation("approver empty", "approver", d -> d.put("approver", "")),
                new Mutation("dept a number", "dept", d -> d.put("dept", 5)),
                new Mutation("receipt without id", "receipt.id", d -> d.putObject("receipt").put("name", "x.pdf")),
                new Mutation("phone short", "phone", d -> d.put("phone", "123")),
                new Mutation("last row without name", "items[LAST].name", d -> {
                    ArrayNode items = (ArrayNode) d.get("items");
                    ((ObjectNode) items.get(items.size() - 1)).remove("name");
                }),
                new Mutation("row amount above max", "items[0].amount", d ->
                        ((ObjectNode) d.get("items").get(0).get("amount")).put("amount", "1000.01")),
                new Mutation("row with extra column", "items[0].extra", d -> ((ObjectNode) d.get("items").get(0)).put("extra", 1)),
                new Mutation("row date impossible", "items[0].day", d -> ((ObjectNode) d.get("items").get(0)).put("day", "2024-02-30")),
                new Mutation("too many rows", "items", d -> {
                    ArrayNode items = (ArrayNode) d.get("items");
                    while (items.size() < 4) {
                        items.add(items.get(0).deepCopy());
                    }
                }),
                new Mutation("unknown field", "colour", d -> d.put("colour", "blue")));
    }
}
