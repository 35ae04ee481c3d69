package dev.oakit.core.form;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FormEnginesTest {
    @Test
    void equalFieldsShareOneCompiledEngine() {
        FormSchema schema = ExpenseForm.built();
        FormEngine first = FormEngines.of("data of form 'expense'", schema.fields(), UnknownFields.REJECT);
        FormEngine again = FormEngines.of("data of form 'expense'", new ArrayList<>(ExpenseForm.built().fields()), UnknownFields.REJECT);
        assertThat(again).isSameAs(first);
        assertThat(FormEngines.of("data of form 'expense'", schema.fields(), UnknownFields.IGNORE)).isNotSameAs(first);
        assertThat(FormEngines.of("data of form 'expense'", schema.fields().subList(0, 1), UnknownFields.REJECT)).isNotSameAs(first);
    }

    @Test
    void aSharedEngineValidatesAsAFreshOneDoes() {
        List<FormField> fields = ExpenseForm.built().fields();
        FormEngine shared = FormEngines.of("data of form 'expense'", fields, UnknownFields.REJECT);
        FormEngine fresh = new FormEngine("data of form 'expense'", fields, UnknownFields.REJECT);
        assertThat(shared.problems(ExpenseForm.valid())).isEqualTo(fresh.problems(ExpenseForm.valid())).isEmpty();
        var bad = ExpenseForm.json("{'total': 'x'}");
        assertThat(shared.problems(bad)).isEqualTo(fresh.problems(bad)).isNotEmpty();
    }
}
