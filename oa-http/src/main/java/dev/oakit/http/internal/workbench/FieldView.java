package dev.oakit.http.internal.workbench;

import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.form.FieldType;
import dev.oakit.core.form.FormAccess;
import dev.oakit.core.form.FormField;
import dev.oakit.core.form.FormSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form field as a page shows it: its value and what this person may do with it at this node. The engine is
 * the judge: it leaves out of the instance's form what the person may not see, and refuses a write to a field
 * the node does not let them edit; the page only follows.
 *
 * @param access never HIDDEN (hidden fields are not shown at all)
 */
public record FieldView(FormField field, Object value, FieldAccess access) {
    /** @return whether the field is an input here */
    public boolean editable() {
        return access == FieldAccess.EDITABLE || access == FieldAccess.REQUIRED;
    }

    /** @return whether a value must be given */
    public boolean required() {
        return access == FieldAccess.REQUIRED || editable() && field.required();
    }

    /** @return the input name: {@code f.<key>} */
    public String name() {
        return "f." + field.key();
    }

    /** @return the value as shown to read: an option's label for a select, else {@link #text()} */
    public String display() {
        if (field.options().isEmpty() || value == null) {
            return text();
        }
        List<String> labels = new ArrayList<>();
        for (FieldOption o : field.options()) {
            if (selected(o)) {
                labels.add(o.label());
            }
        }
        return labels.isEmpty() ? text() : String.join(", ", labels);
    }

    /** @return the value as text for display or an input's value; lists joined with ", " */
    public String text() {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> c) {
            return String.join(", ", c.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** @return whether an option is the (or one of the) current value(s) */
    public boolean selected(FieldOption o) {
        return value instanceof Collection<?> c ? c.stream().anyMatch(v -> o.value().equals(String.valueOf(v))) : o.value().equals(text());
    }

    /** @return the HTML input kind: text, number, date, datetime-local, textarea, select, multi, or readonly for the rest */
    public String kind() {
        return switch (field.type()) {
            case TEXT, USER, DEPARTMENT -> "text";
            case NUMBER, MONEY -> "number";
            case DATE -> "date";
            case DATETIME -> "datetime-local";
            case TEXTAREA -> "textarea";
            case SELECT -> "select";
            case MULTI_SELECT -> "multi";
            default -> "readonly";
        };
    }

    /**
     * @param access the node's field access (the start node's, or the approval node of the person's open task)
     * @param form the values the engine returned for this person (hidden ones already left out); null when starting
     * @return the fields to show, in the schema's order
     */
    static List<FieldView> of(FormSchema schema, Map<String, FieldAccess> access, FieldAccess otherwise, Map<String, Object> form) {
        List<FieldView> out = new ArrayList<>();
        if (schema == null) {
            return out;
        }
        FormAccess a = FormAccess.of(schema, access, otherwise);
        for (FormField f : schema.fields()) {
            FieldAccess fa = a.accessOf(f.key());
            boolean present = form == null || form.containsKey(f.key());
            if (fa == FieldAccess.HIDDEN || !present && fa == FieldAccess.READ_ONLY) {
                continue;
            }
            Object v = form == null ? (f.defaultValue() == null ? null : f.defaultValue().asText()) : form.get(f.key());
            out.add(new FieldView(f, v, fa));
        }
        return out;
    }

    /**
     * @param submitted the form's {@code f.*} parameters (single values) and, for multi-selects, their lists
     * @return the editable fields' values typed for the engine (numbers as numbers); blank ones left out
     */
    static Map<String, Object> values(List<FieldView> fields, PageCall c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldView f : fields) {
            if (!f.editable()) {
                continue;
            }
            if (f.field().type() == FieldType.MULTI_SELECT) {
                List<String> vs = c.params(f.name());
                if (!vs.isEmpty()) {
                    out.put(f.field().key(), vs);
                }
                continue;
            }
            String v = c.param(f.name());
            if (v == null) {
                continue;
            }
            if (f.field().type() == FieldType.NUMBER || f.field().type() == FieldType.MONEY) {
                try {
                    out.put(f.field().key(), new BigDecimal(v));
                } catch (NumberFormatException e) {
                    out.put(f.field().key(), v); // the engine names the field and says it must be a number
                }
            } else {
                out.put(f.field().key(), v);
            }
        }
        return out;
    }
}
