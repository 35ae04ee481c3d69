package dev.oakit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.oakit.core.form.FormSchema;
import dev.oakit.crm.DealApproval;
import dev.oakit.erp.BudgetCheck;
import dev.oakit.erp.ExpenseClaim;
import dev.oakit.erp.PurchaseRequisition;
import dev.oakit.workflow.ProcessDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every form OAKit ships compiles to a JSON Schema the validator accepts. A form's schema is compiled only when data
 * first needs it, so one that could not compile would otherwise fail on a user's data: the forms of the bridges'
 * ready-made processes, of the examples, and every form in the YAML and JSON resources of every module.
 */
class ShippedFormSchemasTest {
    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void everyShippedFormSchemaCompiles() throws IOException {
        Map<String, FormSchema> forms = new LinkedHashMap<>();
        for (ProcessDefinition d : new ProcessDefinition[] {ExpenseClaim.definition(), PurchaseRequisition.definition(),
                BudgetCheck.requisition(), DealApproval.discount(), DealApproval.contract(), WorkbenchDemo.leave(),
                WorkbenchDemo.expense()}) {
            if (d.form() != null) {
                forms.put("process " + d.key() + " #" + forms.size(), d.form());
            }
        }
        forms.put("ExpenseClaim.form()", ExpenseClaim.form());
        forms.put("PurchaseRequisition.form()", PurchaseRequisition.form());
        forms.put("DealApproval.form(deal)", DealApproval.form("deal"));
        int fromResources = 0;
        for (Path file : resourceFiles()) {
            JsonNode tree = YAML.readTree(file.toFile());
            JsonNode form = tree != null && tree.has("fields") ? tree : tree == null ? null : tree.get("form");
            if (form != null && form.isObject() && form.has("fields")) {
                forms.put(file.toString(), FormSchema.fromTree(form));
                fromResources++;
            }
        }

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, String> failed = new LinkedHashMap<>();
        forms.forEach((where, form) -> {
            try {
                JsonSchema schema = factory.getSchema(form.toJsonSchema());
                schema.initializeValidators(); // compiles every keyword now, patterns included
                schema.validate(YAML.createObjectNode());
            } catch (RuntimeException e) {
                failed.put(where, e.toString());
            }
        });

        assertThat(failed).as("forms whose JSON Schema does not compile").isEmpty();
        assertThat(fromResources).as("forms found in the modules' resources (the leave process of the plain host)").isPositive();
        assertThat(forms).hasSizeGreaterThanOrEqualTo(11);
    }

    /** The YAML and JSON resources every module ships (its main resources), found from the project's root. */
    private static java.util.List<Path> resourceFiles() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(root)) {
            java.util.List<Path> out = new java.util.ArrayList<>();
            for (Path resources : modules.map(m -> m.resolve("src/main/resources")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(resources)) {
                    files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().forEach(out::add);
                }
            }
            return out;
        }
    }
}
