package dev.oakit.workflow.internal.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.internal.DefinitionService;
import dev.oakit.workflow.internal.FormMaps;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance as one command changes it: the snapshot it was loaded as (row, definition), its
 * status, form and state and its open tasks as the decision changes them, the tasks the decision
 * opens ({@link TaskDraft}) and the {@link Effect}s it lists for the writer. The decider only
 * changes this object; nothing here touches the database. Used by one command on one thread.
 */
public final class InstanceChange {
    /** Who acts. */
    public final Actor actor;
    /** The command's time. */
    public final Instant now;
    /** The instance row as loaded (or inserted, on start). */
    public final InstanceRow row;
    /** Its definition. */
    public final DefinitionService.Stored def;
    /** Its state, changed in place by the decision. */
    public final InstanceState st;
    /** Its status. */
    public InstanceStatus status;
    /** Its open and waiting tasks, kept current by the decision (new ones carry pending ids). */
    public final List<TaskRow> open;
    /** The tasks the decision opened, in order. */
    public final List<TaskDraft> drafts;
    /** The effects, in order. */
    public final List<Effect> effects = new ArrayList<>();
    /** What the decision may read besides this snapshot. */
    public final InstanceReads reads;
    /** Who watches the decision (the route preview), or null. */
    public final Trace trace;
    /** A sub-process instance that is ending right now and so must not be cancelled with its parent. */
    public Long endingChild;
    /** Nodes entered by this command (a loop guard). */
    public int steps;
    private final ObjectMapper json;
    /** The form data, or null until someone needs it (read from {@link #formText}). */
    private ObjectNode form;
    /**
     * The form's text while it is known to match {@link #form}: as loaded or inserted, and until the form is handed out for
     * changing or replaced. A command that only moves the instance on neither reads nor writes the form's JSON.
     */
    private String formText;
    private Map<String, Object> formMap;

    /**
     * @param open the instance's open and waiting tasks (kept and changed by the decision)
     */
    public InstanceChange(Actor actor, Instant now, InstanceRow row, DefinitionService.Stored def, InstanceState st, ObjectNode form,
                          InstanceStatus status, List<TaskRow> open, InstanceReads reads, Trace trace, ObjectMapper json) {
        this(actor, now, row, def, st, form, null, status, open, new ArrayList<>(), reads, trace, json);
    }

    /**
     * @param form the form data, or null to read it from {@code formText} when it is needed
     * @param formText the text of the form data as stored (the same data as {@code form} when both are given); never null
     * @param open the instance's open and waiting tasks (kept and changed by the decision)
     */
    public InstanceChange(Actor actor, Instant now, InstanceRow row, DefinitionService.Stored def, InstanceState st, ObjectNode form,
                          String formText, InstanceStatus status, List<TaskRow> open, InstanceReads reads, Trace trace, ObjectMapper json) {
        this(actor, now, row, def, st, form, java.util.Objects.requireNonNull(formText, "formText"), status, open, new ArrayList<>(),
                reads, trace, json);
    }

    private InstanceChange(Actor actor, Instant now, InstanceRow row, DefinitionService.Stored def, InstanceState st, ObjectNode form,
                           String formText, InstanceStatus status, List<TaskRow> open, List<TaskDraft> drafts, InstanceReads reads,
                           Trace trace, ObjectMapper json) {
        this.actor = actor;
        this.now = now;
        this.row = row;
        this.def = def;
        this.st = st;
        this.form = form;
        this.formText = formText;
        this.status = status;
        this.open = open;
        this.drafts = drafts;
        this.reads = reads;
        this.trace = trace;
        this.json = json;
    }

    /**
     * The same unwritten instance as the next command of another actor sees it (the route preview
     * runs one decision after the other without writing): state, tasks and drafts carry over, the
     * effects start empty.
     */
    public InstanceChange next(Actor nextActor) {
        return new InstanceChange(nextActor, now, row, def, st, form, formText, status, open, drafts, reads, trace, json);
    }

    /** @return the definition */
    public ProcessDefinition d() {
        return def.definition();
    }

    /** @return the tenant */
    public String tenant() {
        return row.tenantId();
    }

    /** @return a node of the definition */
    public Node node(String id) {
        Node n = def.node(id);
        if (n == null) {
            throw new IllegalStateException("node '" + id + "' missing from process '" + row.key() + "' v" + row.version());
        }
        return n;
    }

    /** @return a node's name, or its id */
    public String nodeName(String id) {
        Node n = node(id);
        return n.name() == null ? n.id() : n.name();
    }

    /** @return the form data (the caller may change it: its text is written from it again) */
    public ObjectNode form() {
        ObjectNode data = formData();
        formText = null;
        return data;
    }

    /** Replaces the form data. */
    public void form(ObjectNode changed) {
        form = changed;
        formText = null;
        formMap = null;
    }

    /** @return the form data as JSON text, as stored when nothing changed it */
    public String formText() {
        return formText != null ? formText : form.toString();
    }

    /** @return the form data as a map (for conditions and approver rules; read-only) */
    public Map<String, Object> formMap() {
        if (formMap == null) {
            formMap = FormMaps.of(json, formData());
        }
        return formMap;
    }

    private ObjectNode formData() {
        if (form == null) {
            try {
                form = (ObjectNode) json.readTree(formText);
            } catch (Exception e) {
                throw new IllegalStateException("instance " + row.id() + " has an unreadable form", e);
            }
        }
        return form;
    }

    /** @return the shared JSON mapper */
    public ObjectMapper json() {
        return json;
    }

    /** @return the state of an approval node's current run */
    public InstanceState.NodeRun run(String nodeId) {
        return st.runs.get(nodeId);
    }

    /** Records a history entry; automatic steps are by the system, the rest by the actor. */
    public void history(String action, Long taskId, String nodeId, String comment, String detail) {
        effects.add(new Effect.History(action, taskId, nodeId, automatic(action) ? Actor.SYSTEM_USER : actor.userId(), comment,
                detail == null ? null : detail.length() > 2000 ? detail.substring(0, 1997) + "..." : detail));
    }

    /** Sets the audit summary. */
    public void summary(String text) {
        effects.add(new Effect.Summary(text));
    }

    /** Publishes an event about the instance. */
    public void publishInstance(String type, Map<String, Object> payload) {
        effects.add(new Effect.Publish(type, "process-instance", row.id(), payload));
    }

    /** Publishes an event about a task (maybe one opened by this decision). */
    public void publishTask(String type, long taskId, Map<String, Object> payload) {
        effects.add(new Effect.Publish(type, "task", taskId, payload));
    }

    /** @return true for a task opened by this decision */
    public static boolean pending(long taskId) {
        return taskId < 0;
    }

    /** @return the draft of a task this decision opened */
    TaskDraft draft(long pendingId) {
        return drafts.get((int) (-pendingId - 1));
    }

    /** @return the pending id of the next task this decision opens */
    long nextPendingId() {
        return -(drafts.size() + 1L);
    }

    private static boolean automatic(String action) {
        return switch (action) {
            case "auto-approved", "skipped", "approver-fallback", "approver-replaced", "approver-excluded", "vote-passed",
                 "vote-failed", "ended", "cc", "service-scheduled", "service-done", "subprocess-started", "subprocess-ended",
                 "reopened", "approver-skipped", "auto-rejected", "proxy-assigned", "proxy-kept", "reminded", "escalated",
                 "timeout-reassigned" -> true;
            default -> false;
        };
    }
}
