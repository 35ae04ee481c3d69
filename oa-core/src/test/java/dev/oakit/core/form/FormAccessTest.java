package dev.oakit.core.form;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.oakit.core.form.ExpenseForm.json;
import static dev.oakit.core.form.ExpenseForm.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FormAccessTest {
    static final FormSchema SCHEMA = ExpenseForm.built();
    /** What a finance approver sees: the reason is read-only, the phone is hidden, they must set a department. */
    static final FormAccess FINANCE = FormAccess.of(SCHEMA, Map.of(
            "reason", FieldAccess.READ_ONLY,
            "phone", FieldAccess.HIDDEN,
            "dept", FieldAccess.REQUIRED,
            "details", FieldAccess.EDITABLE), FieldAccess.READ_ONLY);

    @Test
    void readDropsHiddenFields() {
        ObjectNode shown = FINANCE.read(valid());
        assertThat(shown.has("phone")).isFalse();
        assertThat(shown.get("reason").asText()).isEqualTo("Taxi to client");
        assertThat(FINANCE.accessOf("total")).isEqualTo(FieldAccess.READ_ONLY);
    }

    @Test
    void writeMergesEditableFieldsAndKeepsTheRest() {
        ObjectNode merged = FINANCE.write(valid(), json("{'dept': 'd-9', 'details': null, 'reason': 'Taxi to client'}"));
        assertThat(merged.get("dept").asText()).isEqualTo("d-9");
        assertThat(merged.has("details")).isFalse();
        assertThat(merged.get("phone").asText()).isEqualTo("13800138000");
        assertThat(merged.get("total")).isEqualTo(valid().get("total"));
    }

    @Test
    void writeRejectsChangesToReadOnlyAndHiddenFieldsAndEnforcesRequired() {
        ObjectNode current = valid();
        current.remove("dept");
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> FINANCE.write(current,
                json("{'reason': 'Changed', 'phone': '13900000000', 'total': {'amount': '1200.5', 'currency': 'CNY'}, 'details': 'abc'}")));
        assertThat(e.code()).isEqualTo(FormSchema.DATA_INVALID);
        assertThat(e.problems().stream().map(Problem::toString)).containsExactly(
                "reason: is read-only at this step; leave it out or send its current value",
                "details: must be at least 5 characters",
                "dept: is required",
                "phone: is hidden at this step and cannot be changed; leave it out");
    }

    @Test
    void numericallyEqualValuesAreNoChange() {
        FINANCE.write(valid(), json("{'days': 2.0, 'dept': 'd-1'}"));
    }

    @Test
    void unknownKeysInTheAccessMapAreRejected() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> FormAccess.of(SCHEMA, Map.of("nope", FieldAccess.HIDDEN), FieldAccess.EDITABLE));
        assertThat(e.code()).isEqualTo(FormSchema.SCHEMA_INVALID);
        assertThat(e.paths()).containsExactly("nope");
    }

    @Test
    void theSamePermissionsAreMadeOnceAndACallersLaterChangeDoesNotReachThem() {
        Map<String, FieldAccess> asked = new java.util.HashMap<>(Map.of("reason", FieldAccess.READ_ONLY));
        FormAccess first = FormAccess.of(SCHEMA, asked, FieldAccess.EDITABLE);
        assertThat(FormAccess.of(SCHEMA, Map.of("reason", FieldAccess.READ_ONLY), FieldAccess.EDITABLE)).isSameAs(first);
        asked.put("reason", FieldAccess.HIDDEN);
        assertThat(first.accessOf("reason")).isEqualTo(FieldAccess.READ_ONLY);
        FormAccess hidden = FormAccess.of(SCHEMA, asked, FieldAccess.EDITABLE);
        assertThat(hidden).isNotSameAs(first);
        assertThat(hidden.accessOf("reason")).isEqualTo(FieldAccess.HIDDEN);
        assertThat(FormAccess.of(SCHEMA, Map.of("reason", FieldAccess.READ_ONLY), FieldAccess.READ_ONLY)).isNotSameAs(first);
    }
}
