package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormAccess;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The start form as its initiator reads it is made once per stored definition, and reads as the start node's permissions say. */
class StoredStartViewTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void the_initiators_view_of_the_start_form_is_made_once_and_hides_what_the_start_node_hides() {
        ProcessDefinition leave = WorkflowFixture.leave(); // the start node hides hrNote
        DefinitionService.Stored stored = new DefinitionService.Stored(1, "t", "leave", 1, leave);
        FormAccess view = stored.startView();
        assertThat(stored.startView()).isSameAs(view);
        ObjectNode form = json.createObjectNode().put("type", "annual").put("days", 5).put("reason", "rest").put("hrNote", "ok");
        assertThat(view.read(form)).isEqualTo(json.createObjectNode().put("type", "annual").put("days", 5).put("reason", "rest"));
        assertThat(view.read(form)).isEqualTo(FormAccess.of(leave.form(), Map.of("hrNote", FieldAccess.HIDDEN), FieldAccess.READ_ONLY)
                .read(form));
        // the start's own permissions (what the initiator may write) stay apart
        assertThat(stored.startAccess()).isNotSameAs(view);
    }

    @Test
    void a_definition_without_a_form_has_no_start_view() {
        ProcessDefinition plain = ProcessDefinition.builder("plain").start("start").end("done").chain("start", "done").build();
        assertThat(new DefinitionService.Stored(1, "t", "plain", 1, plain).startView()).isNull();
    }
}
