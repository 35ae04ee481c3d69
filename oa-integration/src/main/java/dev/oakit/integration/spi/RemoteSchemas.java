package dev.oakit.integration.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.integration.mapping.FieldType;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the schema answers of the two reference ERPs into {@link RemoteEntity}s, for connectors that
 * implement {@link RemoteMetadata}: Frappe / ERPNext DocType meta ({@code frappe.desk.form.load.getdoctype}
 * or {@code GET /api/resource/DocType/<name>}) and Odoo's {@code fields_get}. Pure functions; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RemoteSchemas {
    private RemoteSchemas() {
    }

    /**
     * @param answer the answer of {@code frappe.desk.form.load.getdoctype} ({@code {"docs": [meta, child metas…]}})
     *     or of {@code GET /api/resource/DocType/<name>} ({@code {"data": meta}})
     * @param doctype the DocType wanted (the main one or one of its child tables)
     * @return its fields, or empty when the answer does not describe it
     */
    public static Optional<RemoteEntity> frappe(JsonNode answer, String doctype) {
        List<JsonNode> metas = new ArrayList<>();
        answer.path("docs").forEach(metas::add);
        if (answer.path("data").isObject()) {
            metas.add(answer.path("data"));
        }
        for (JsonNode meta : metas) {
            if (meta.path("name").asText().equals(doctype)) {
                List<RemoteField> fields = new ArrayList<>();
                for (JsonNode f : meta.path("fields")) {
                    String type = f.path("fieldtype").asText();
                    fields.add(new RemoteField(f.path("fieldname").asText(), frappeType(type), type, f.path("reqd").asInt() == 1,
                            f.path("label").asText(null)));
                }
                return Optional.of(RemoteEntity.of(doctype, fields));
            }
        }
        return Optional.empty();
    }

    /** @return the mapping type of a Frappe fieldtype; null for layout and other fields no mapping writes (Section Break, Attach, …) */
    public static FieldType frappeType(String fieldtype) {
        return switch (fieldtype) {
            case "Data", "Select", "Link", "Dynamic Link", "Small Text", "Text", "Long Text", "Text Editor", "Markdown Editor", "HTML Editor",
                 "Code", "Read Only", "Phone", "Autocomplete", "Color", "Barcode" -> FieldType.STRING;
            case "Int" -> FieldType.INTEGER;
            case "Check" -> FieldType.BOOLEAN;
            case "Float", "Currency", "Percent" -> FieldType.DECIMAL;
            case "Date" -> FieldType.DATE;
            case "Datetime" -> FieldType.DATETIME;
            case "Table", "Table MultiSelect" -> FieldType.LIST;
            default -> null;
        };
    }

    /**
     * @param model the model ({@code purchase.order})
     * @param fieldsGet the result of {@code fields_get} on it: {@code {field: {type, string, required, …}}}
     * @return its fields
     */
    public static RemoteEntity odoo(String model, JsonNode fieldsGet) {
        List<RemoteField> fields = new ArrayList<>();
        fieldsGet.properties().forEach(e -> {
            String type = e.getValue().path("type").asText();
            fields.add(new RemoteField(e.getKey(), odooType(type), type, e.getValue().path("required").asBoolean(false),
                    e.getValue().path("string").asText(null)));
        });
        return RemoteEntity.of(model, fields);
    }

    /** @return the mapping type of an Odoo field type (a many2one is written as the record's id); null for binary and the like */
    public static FieldType odooType(String type) {
        return switch (type) {
            case "char", "text", "html", "selection" -> FieldType.STRING;
            case "integer", "many2one" -> FieldType.INTEGER;
            case "float", "monetary" -> FieldType.DECIMAL;
            case "boolean" -> FieldType.BOOLEAN;
            case "date" -> FieldType.DATE;
            case "datetime" -> FieldType.DATETIME;
            case "one2many", "many2many" -> FieldType.LIST;
            default -> null;
        };
    }
}
