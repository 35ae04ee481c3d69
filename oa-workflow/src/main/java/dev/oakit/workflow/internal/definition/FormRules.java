package dev.oakit.workflow.internal.definition;

import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FieldType;
import dev.oakit.core.form.FormField;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * What a definition says about its form: the fields a node's access settings, an approver rule or
 * a condition name exist at the top level of the form, with the type the rule needs. The form
 * itself checks itself when it is built.
 */
final class FormRules {
    private final DefinitionCheck check;

    FormRules(DefinitionCheck check) {
        this.check = check;
    }

    void checkFieldAccess(String path, Map<String, FieldAccess> fields) {
        for (Map.Entry<String, FieldAccess> e : new TreeMap<>(fields).entrySet()) {
            String key = e.getKey();
            if (topLevelField(key) == null) {
                check.problem(path + "." + key, notDefined(key));
            } else if (e.getValue() == null) {
                check.problem(path + "." + key, "has no access; use HIDDEN, READ_ONLY, EDITABLE or REQUIRED");
            }
        }
    }

    String notDefined(String key) {
        return check.d.form() == null
                ? "form field '" + key + "' referenced but the process has no form"
                : "form field '" + key + "' referenced but not defined in the form";
    }

    FormField topLevelField(String key) {
        return check.d.form() == null || key == null ? null : check.d.form().field(key);
    }

    void checkFieldType(String path, String key, Set<FieldType> allowed, String what) {
        FormField field = topLevelField(key);
        if (field == null) {
            check.problem(path, notDefined(key));
        } else if (!allowed.contains(field.type())) {
            check.problem(path, "form field '" + key + "' is a " + field.type().jsonName() + " field; it must be " + what);
        }
    }

    /** @return the distinct form field keys a condition reads, in order of appearance */
    static Set<String> formReferences(String condition) {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = DefinitionValidator.FORM_REFERENCE.matcher(condition);
        while (m.find()) {
            keys.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return keys;
    }
}
