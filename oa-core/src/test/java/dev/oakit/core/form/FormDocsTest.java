package dev.oakit.core.form;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The YAML in docs/forms.md must parse and equal the builder code shown next to it (copied here). */
class FormDocsTest {

    @Test
    void docYamlEqualsDocBuilder() throws IOException {
        String doc = Files.readString(Path.of("../docs/forms.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String yaml = doc.substring(start, doc.indexOf("```", start));

        FormSchema schema = FormSchema.builder("expense").version(2).title("Expense claim")
                .text("reason", f -> f.label("Reason").required().maxLength(200))
                .money("total", f -> f.required().currency("CNY").max("5000.00"))
                .select("kind", f -> f.option("annual", "Annual leave").options("sick"))
                .table("items", t -> t.min(1).max(20)
                        .text("name", f -> f.required())
                        .money("amount", f -> f.currency("CNY").max("1000.00")))
                .build();

        assertThat(FormSchema.fromYaml(yaml)).isEqualTo(schema);
    }
}
