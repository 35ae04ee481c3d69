package dev.oakit.core.form;

import dev.oakit.core.ValidationException;
import org.junit.jupiter.api.Test;

import static dev.oakit.core.form.ExpenseForm.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FormSchemaDefinitionTest {

    @Test
    void yamlJsonAndBuilderGiveEqualSchemas() {
        FormSchema yaml = FormSchema.fromYaml(resource("expense.yaml"));
        FormSchema json = FormSchema.fromJson(resource("expense.json"));
        FormSchema built = ExpenseForm.built();
        assertThat(yaml).isEqualTo(json).isEqualTo(built);
        assertThat(yaml.hashCode()).isEqualTo(built.hashCode());
        assertThat(yaml.field("rate").min()).isEqualTo("0.50");
        assertThat(yaml.field("total").max()).isEqualTo("5000.00");
    }

    @Test
    void toJsonReadsBackEqual() {
        FormSchema schema = ExpenseForm.built();
        assertThat(FormSchema.fromJson(schema.toJson())).isEqualTo(schema);
        assertThat(FormSchema.fromTree(schema.toTree())).isEqualTo(schema);
    }

    @Test
    void optionsMayBePlainValuesAndLabelsDefaultToKeys() {
        FormSchema schema = FormSchema.fromYaml("""
                key: s
                fields:
                  - {key: color, type: select, options: [red, green]}
                """);
        assertThat(schema.title()).isEqualTo("s");
        assertThat(schema.version()).isNull();
        assertThat(schema.field("color").label()).isEqualTo("color");
        assertThat(schema.field("color").options()).containsExactly(FieldOption.of("red"), FieldOption.of("green"));
    }

    @Test
    void reportsEveryDefinitionProblemWithItsPath() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> FormSchema.fromYaml("""
                key: bad
                colour: blue
                fields:
                  - {key: a, type: text}
                  - {key: a, type: text}
                  - {key: b, type: text, pattern: "([a-z"}
                  - {key: c, type: number, min: 10, max: 5}
                  - {key: d, type: select}
                  - {key: e, type: rainbow}
                  - {key: f, type: text, maxLength: 3, default: toolong}
                  - {key: g, type: money, max: 10}
                  - {key: h, type: date, min: yesterday}
                  - {key: i, type: table}
                  - {key: j, type: table, fields: [{key: x, type: text}, {key: x, type: number, pattern: "a"}]}
                  - {key: 9k, type: user, required: maybe}
                  - {key: l, type: text, options: [a]}
                  - {key: m, type: multiSelect, options: [a, a], default: [b]}
                  - {key: n, type: table, fields: [{key: y, type: number, max: 5}], default: [{y: 6}]}
                """));
        assertThat(e.code()).isEqualTo("OA-CORE/FORM_SCHEMA_INVALID");
        assertThat(e.paths()).containsExactly(
                "colour",
                "fields[1].key",
                "fields[2].pattern",
                "fields[3].max",
                "fields[4].options",
                "fields[5].type",
                "fields[6].default",
                "fields[7].currency",
                "fields[8].min",
                "fields[9].fields",
                "fields[10].fields[1].key",
                "fields[10].fields[1].pattern",
                "fields[11].required",
                "fields[12].options",
                "fields[13].options[1].value",
                "fields[14].default[0].y");
        assertThat(e.problems().get(5).message()).startsWith("unknown type 'rainbow'; use one of [text, textarea");
        assertThat(e.problems().get(6).message()).isEqualTo("default value must be at most 3 characters");
        assertThat(e.problems().get(3).message()).isEqualTo("must not be less than min 10");
        assertThat(e.getMessage()).startsWith("[OA-CORE/FORM_SCHEMA_INVALID] Invalid form schema 'bad' (16 problems)");
    }

    @Test
    void builderChecksTheSameRules() {
        assertThatThrownBy(() -> FormSchema.builder("x")
                .text("a", f -> f.pattern("(").minLength(5).maxLength(2))
                .select("b", f -> {})
                .multiSelect("c", f -> f.options("a").defaultValue(java.util.List.of("z")))
                .number("d", f -> f.currency("CNY"))
                .build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly(
                        "fields[0].maxLength", "fields[0].pattern", "fields[1].options", "fields[2].default[0]",
                        "fields[3].currency"));
        assertThat(catchThrowableOfType(ValidationException.class, () -> FormSchema.builder("x")
                .text("a", f -> f.pattern("(")).build()).problems().get(0).message())
                .startsWith("is not a valid regular expression (Unclosed group");
    }

    @Test
    void unreadableTextIsOneProblem() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> FormSchema.fromJson("{\"key\": "));
        assertThat(e.code()).isEqualTo(FormSchema.SCHEMA_INVALID);
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).message()).startsWith("is not readable JSON");
    }

    @Test
    void compilesToJsonSchema202012() {
        var js = ExpenseForm.built().toJsonSchema();
        assertThat(js.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(js.get("required")).hasToString("[\"reason\",\"total\",\"period\",\"kind\",\"approver\",\"items\"]");
        assertThat(js.get("additionalProperties").asBoolean()).isFalse();
        assertThat(js.at("/properties/kind/enum")).hasToString("[\"annual\",\"sick\"]");
        assertThat(js.at("/properties/phone/pattern").asText()).isEqualTo("^(?:1[0-9]{10})$");
        assertThat(js.at("/properties/items/items/properties/amount/properties/currency/const").asText()).isEqualTo("CNY");
        assertThat(js.at("/properties/days/type")).hasToString("[\"integer\",\"null\"]");
        assertThat(js.at("/properties/note/default").asText()).isEqualTo("none");
    }
}
