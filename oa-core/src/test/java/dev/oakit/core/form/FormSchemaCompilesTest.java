package dev.oakit.core.form;

import dev.oakit.core.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A form's JSON Schema is compiled only when data first needs it, so what would keep it from compiling is refused when
 * the form is defined (with the form and the field named), without compiling it then: a pattern valid alone that the
 * schema's whole-value match cannot hold. The forms this module ships compile.
 */
class FormSchemaCompilesTest {

    @Test
    void aPatternValidAloneThatCannotMatchTheWholeValueIsRefusedWhenTheFormIsDefined() {
        for (String pattern : List.of("(?x)[A-Z]{3} # an ISO code", "\\QA-1")) {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> FormSchema.builder("permit")
                    .text("code", f -> f.pattern(pattern)).build());
            assertThat(e).as(pattern).isNotNull();
            assertThat(e.getMessage()).contains("'permit'");
            assertThat(e.paths()).containsExactly("fields[0].pattern");
            assertThat(e.problems().get(0).message()).startsWith("cannot be matched against the whole value: as ^(?:" + pattern + ")$");
        }
        // why: the schema, compiled on the first data that needs it, would fail there
        FormField unchecked = FormField.builder("code", FieldType.TEXT).pattern("\\QA-1").build();
        FormEngine late = new FormEngine("data of form 'permit'", List.of(unchecked), UnknownFields.REJECT);
        assertThatThrownBy(() -> late.schema().initializeValidators()).hasStackTraceContaining("Unclosed group");
        ValidationException inYaml = catchThrowableOfType(ValidationException.class, () -> FormSchema.fromYaml("""
                key: permit
                fields:
                  - {key: note, type: text}
                  - {key: items, type: table, fields: [{key: code, type: text, pattern: "(?x)[a-z]+ # lower case"}]}
                """));
        assertThat(inYaml.paths()).containsExactly("fields[1].fields[0].pattern");
    }

    @Test
    void theSamePatternsCloseTheirQuoteOrCommentAndCompile() {
        FormSchema form = FormSchema.builder("permit")
                .text("code", f -> f.pattern("(?x)[A-Z]{3}  # an ISO code\n"))
                .text("ref", f -> f.pattern("\\QA-1\\E[0-9]+"))
                .build();
        FormEngine engine = new FormEngine("data of form 'permit'", form.fields(), UnknownFields.REJECT);
        engine.schema().initializeValidators();
        assertThat(engine.problems(ExpenseForm.json("{'code': 'CNY', 'ref': 'A-17'}"))).isEmpty();
        assertThat(engine.problems(ExpenseForm.json("{'code': 'cny', 'ref': 'A-1x'}"))).extracting(ValidationException.Problem::path)
                .containsExactly("code", "ref");
    }

    @Test
    void theFormsOfThisModulesResourcesCompile() throws Exception {
        for (String resource : List.of("expense.json", "expense.yaml")) {
            try (var in = FormSchemaCompilesTest.class.getResourceAsStream(resource)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                FormSchema form = resource.endsWith(".json") ? FormSchema.fromJson(text) : FormSchema.fromYaml(text);
                new FormEngine(resource, form.fields(), UnknownFields.REJECT).schema().initializeValidators();
            }
        }
        new FormEngine("expense", ExpenseForm.built().fields(), UnknownFields.REJECT).schema().initializeValidators();
    }
}
