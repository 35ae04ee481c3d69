package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormAccess;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import dev.oakit.workflow.internal.store.TaskRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The instance as an actor sees it: the form filtered by the actor's field access (the initiator:
 * the start node's; an approver with an open task: that node's; anyone else: the start node's,
 * read-only), and who takes part in an instance.
 */
@Singleton
public final class InstanceViews {
    private final DefinitionService definitions;
    private final InstanceRepository instances;
    private final TaskRepository tasks;
    private final ObjectMapper json;

    @Inject
    private InstanceViews(DefinitionService definitions, InstanceRepository instances, TaskRepository tasks, ObjectMapper json) {
        this.definitions = definitions;
        this.instances = instances;
        this.tasks = tasks;
        this.json = json;
    }

    /** @return the instance for an actor of its tenant */
    public ProcessInstance view(Handle h, Actor actor, long id) {
        return view(h, actor, row(h, actor, id, null));
    }

    /**
     * Reads an instance of the actor's tenant.
     *
     * @param timeline when not null, receives the inline timeline (read in the same statement)
     */
    public InstanceRow row(Handle h, Actor actor, long id, String[] timeline) {
        return instances.find(h, actor.tenantId(), id, timeline)
                .orElseThrow(() -> new NotFoundException(WorkflowErrors.INSTANCE_NOT_FOUND, "process instance " + id
                        + " does not exist in tenant '" + actor.tenantId() + "'"));
    }

    /** @return the instance of a row for an actor */
    public ProcessInstance view(Handle h, Actor actor, InstanceRow row) {
        ProcessDefinition d = definitions.byId(h, row.definitionId()).definition();
        InstanceState st;
        JsonNode form;
        try {
            st = json.readValue(row.state(), InstanceState.class);
            form = json.readTree(row.form());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (d.form() != null) {
            form = FormAccess.of(d.form(), accessFor(h, d, row, actor), FieldAccess.READ_ONLY).read(form);
        }
        return instance(row, row.status(), form, st.active, row.endedAt());
    }

    /**
     * The instance as its initiator sees it right after the start, from the start command's own
     * state (which saves reading it back).
     */
    public ProcessInstance initiatorView(InstanceRow row, DefinitionService.Stored def, JsonNode form,
                                         dev.oakit.workflow.InstanceStatus status, List<TaskRow> open, List<String> active, Instant now) {
        ProcessDefinition d = def.definition();
        FormAccess access = d.form() == null ? null : def.startView();
        for (TaskRow t : open) {
            if (d.form() != null && t.assigneeId().equals(row.initiatorId()) && t.status() == TaskStatus.OPEN
                    && d.node(t.nodeId()).orElse(null) instanceof Node.Approval a) {
                access = FormAccess.of(d.form(), a.fields(), FieldAccess.READ_ONLY);
                break;
            }
        }
        JsonNode visible = access == null ? form : access.read(form);
        return instance(row, status, visible, active, status.ended() ? now : null);
    }

    private ProcessInstance instance(InstanceRow row, dev.oakit.workflow.InstanceStatus status, JsonNode form, List<String> active,
                                     Instant ended) {
        return new ProcessInstance(row.id(), row.key(), row.version(), row.title(), row.businessKey(), row.initiatorId(),
                status, row.priority(), FormMaps.of(json, form),
                List.copyOf(active), row.startedAt(), ended);
    }

    /** Field access of an actor: an approver with an open task sees what that node allows; everyone else the start node's view. */
    private Map<String, FieldAccess> accessFor(Handle h, ProcessDefinition d, InstanceRow row, Actor actor) {
        for (String n : tasks.openNodesOf(h, row.id(), actor.userId())) {
            if (d.node(n).orElse(null) instanceof Node.Approval a) {
                return a.fields();
            }
        }
        return start(d).fields();
    }

    private static Node.Start start(ProcessDefinition d) {
        return (Node.Start) d.nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElseThrow();
    }

    /** @return true when the user started, acted on, was assigned, was a candidate of or was cc'd on the instance */
    public boolean participates(Handle h, String tenant, long instanceId, String initiator, String userId) {
        return userId.equals(initiator) || tasks.participates(h, tenant, instanceId, userId);
    }
}
