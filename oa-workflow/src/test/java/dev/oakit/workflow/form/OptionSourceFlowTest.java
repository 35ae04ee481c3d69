package dev.oakit.workflow.form;

import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.form.spi.OptionSource;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.WorkflowFixture;
import dev.oakit.workflow.WorkflowPlugin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.oakit.workflow.WorkflowFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A process whose form takes a field's options from a plugin's option source: checked at deploy, start and approval. */
class OptionSourceFlowTest {

    /** Projects: p1 and p2 open, p3 closed. */
    static final class ProjectsPlugin implements OaPlugin {
        @Override
        public String id() {
            return "test-projects";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(OptionSource.class, new Projects());
        }
    }

    static final class Projects implements OptionSource {
        @Override
        public String id() {
            return "test.project";
        }

        @Override
        public List<FieldOption> options(Actor actor, String target) {
            return List.of(FieldOption.of("p1"), FieldOption.of("p2"));
        }

        @Override
        public Map<String, State> lookUp(Actor actor, String target, Collection<String> values) {
            return values.stream().filter(v -> v.matches("p[123]"))
                    .collect(Collectors.toMap(v -> v, v -> v.equals("p3") ? State.INACTIVE : State.ACTIVE));
        }
    }

    private static ProcessDefinition trip(String source) {
        FormSchema form = FormSchema.builder("trip").select("project", f -> f.required().optionsFrom(source, null)).build();
        return ProcessDefinition.builder("trip").form(form).start("start")
                .approval("manager", a -> a.approver(ApproverRule.manager(1)).field("project", FieldAccess.EDITABLE))
                .end("end").chain("start", "manager", "end").build();
    }

    @DbTest
    void valuesAreCheckedAgainstTheSourceWhenStartingAndWhenAnApproverEditsThem(TestDatabase db) {
        WorkflowFixture f = new WorkflowFixture(db.start(b -> b.plugin(new WorkflowPlugin()).plugin(new ProjectsPlugin())));
        assertThatThrownBy(() -> f.definitions.deploy(f.admin, trip("test.nothing")))
                .isInstanceOf(ValidationException.class)
                .hasFieldOrPropertyWithValue("code", WorkflowErrors.DEFINITION_INVALID)
                .hasMessageContaining("form.fields[0].options.source")
                .hasMessageContaining("field 'project' takes its options from source 'test.nothing'");
        f.definitions.deploy(f.admin, trip("test.project"));

        assertThatThrownBy(() -> f.approvals.start(user("alice"), StartRequest.of("trip", Map.of("project", "p9"))))
                .isInstanceOf(ValidationException.class)
                .hasFieldOrPropertyWithValue("code", FormSchema.DATA_INVALID)
                .hasMessageContaining("project: 'p9' is not an option of field 'project'; its options come from source 'test.project'");
        assertThatThrownBy(() -> f.approvals.start(user("alice"), StartRequest.of("trip", Map.of("project", "p3"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'p3' is no longer offered by source 'test.project'");

        ProcessInstance pi = f.approvals.start(user("alice"), StartRequest.of("trip", Map.of("project", "p1")));
        long task = f.todoOf("bob", pi.id()).id();
        assertThatThrownBy(() -> f.approvals.approve(user("bob"), task, Decision.comment("moved").withForm(Map.of("project", "p3"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("project: 'p3' is no longer offered");
        f.approvals.approve(user("bob"), task, Decision.comment("moved").withForm(Map.of("project", "p2")));
    }
}
