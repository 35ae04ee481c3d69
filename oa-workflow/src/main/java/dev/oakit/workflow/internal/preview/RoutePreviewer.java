package dev.oakit.workflow.internal.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormAccess;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.InstanceStatus;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.DefinitionService;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.engine.Effect;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.InstanceReads;
import dev.oakit.workflow.internal.engine.Tasks;
import dev.oakit.workflow.internal.engine.action.ApprovalCommand;
import dev.oakit.workflow.internal.engine.action.ApproveAction;
import dev.oakit.workflow.internal.engine.action.ClaimAction;
import dev.oakit.workflow.internal.engine.action.ServiceDoneAction;
import dev.oakit.workflow.internal.engine.action.SubProcessEndedAction;
import dev.oakit.workflow.internal.store.Rows.InstanceRow;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts the route of a start form by running the engine's own decider on an instance that is
 * never written: the same navigation, condition evaluation, approver selection and one check
 * ({@link Flow}), then, as if every approver approved, the same approve action on each task in the
 * order the tasks opened (a pooled task is claimed by its first candidate, a service node completes
 * without output, a sub-process ends approved). {@link PreviewTrace} turns what the decider does into
 * the steps and notes; proxies are not applied (the preview names whom the rules select).
 */
@Singleton
public final class RoutePreviewer {
    /** The note prefix of a step whose approvers or branch depend on an earlier decision. */
    static final String DEPENDS = "depends on an earlier decision: ";
    /** Decisions one preview makes at most (every approval is one). */
    private static final int MAX_DECISIONS = 10_000;

    private final Commands commands;
    private final DefinitionService definitions;
    private final Flow flow;
    private final ApproveAction approve;
    private final ClaimAction claim;
    private final ServiceDoneAction serviceDone;
    private final SubProcessEndedAction subProcessEnded;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    private RoutePreviewer(Commands commands, DefinitionService definitions, Flow flow, ApproveAction approve, ClaimAction claim,
                          ServiceDoneAction serviceDone, SubProcessEndedAction subProcessEnded, ObjectMapper json, Clock clock) {
        this.commands = commands;
        this.definitions = definitions;
        this.flow = flow;
        this.approve = approve;
        this.claim = claim;
        this.serviceDone = serviceDone;
        this.subProcessEnded = subProcessEnded;
        this.json = json;
        this.clock = clock;
    }

    /** Previews; reads the definition in a read-only query, the organisation through the directory; writes nothing. */
    public RoutePreview preview(Actor initiator, StartRequest request) {
        DefinitionService.Stored def = commands.query(h -> definitions.latest(h, initiator.tenantId(), request.processKey()));
        ProcessDefinition d = def.definition();
        Node.Start start = Flow.start(d);
        ObjectNode form = json.valueToTree(request.form());
        String formProblem = null;
        if (d.form() != null) {
            try {
                form = FormAccess.of(d.form(), start.fields(), FieldAccess.EDITABLE).write(json.createObjectNode(), form);
            } catch (ValidationException e) {
                formProblem = e.getMessage(); // starting would fail; the preview goes on with the values given
            }
        }
        String title = request.title() != null ? request.title() : (d.name() == null ? d.key() : d.name()) + " - " + initiator.userId();
        InstanceRow row = new InstanceRow(0, initiator.tenantId(), def.id(), def.key(), def.version(), title, request.businessKey(),
                initiator.userId(), InstanceStatus.RUNNING, request.priority(), form.toString(), "{}", null, null, clock.instant(), null);
        InstanceState st = new InstanceState();
        st.chosen.putAll(request.chosenApprovers());
        PreviewTrace trace = new PreviewTrace(request);
        Offers offers = new Offers();
        InstanceChange r = new InstanceChange(initiator, row.startedAt(), row, def, st, form, InstanceStatus.RUNNING, new ArrayList<>(),
                offers, trace, json);
        trace.start(start, formProblem);
        try {
            flow.leave(r, start.id());
            offers.learn(r);
            everyoneApproves(r, offers, trace);
        } catch (OaException e) {
            trace.failed(e); // as the engine would fail here
        }
        return new RoutePreview(trace.steps());
    }

    /** Decides on, as the engine would when every approver approves their task in the order the tasks opened. */
    private void everyoneApproves(InstanceChange first, Offers offers, PreviewTrace trace) {
        InstanceChange r = first;
        String tenant = r.tenant();
        for (int i = 0; i < MAX_DECISIONS && r.status == InstanceStatus.RUNNING && !trace.stopped(); i++) {
            InstanceChange at = r;
            TaskRow next = at.open.stream().filter(t -> t.status() == TaskStatus.OPEN).min(FIRST_OPENED).orElse(null);
            if (next != null) {
                Node.Approval node = (Node.Approval) r.node(next.nodeId());
                long id = next.id();
                if (Tasks.UNASSIGNED.equals(next.assigneeId())) {
                    r = r.next(Actor.of(tenant, offers.candidates(id).get(0)));
                    claim.decide(r, next, node, new ApprovalCommand.Claim(id, Decision.none()));
                    next = r.open.stream().filter(t -> t.id() == id).findFirst().orElseThrow();
                }
                r = r.next(Actor.of(tenant, next.assigneeId()));
                approve.decide(r, next, node, new ApprovalCommand.Approve(id, Decision.none()));
            } else {
                String waiting = at.st.active.stream().filter(n -> !(at.node(n) instanceof Node.Approval)).findFirst().orElse(null);
                if (waiting == null) {
                    return;
                }
                r = r.next(Actor.system(tenant));
                if (r.node(waiting) instanceof Node.Service) {
                    serviceDone.decide(r, waiting, Map.of());
                } else {
                    subProcessEnded.decide(r, waiting, 0, InstanceStatus.APPROVED);
                }
            }
            offers.learn(r);
        }
    }

    /** The tasks a decision opens carry pending ids -1, -2, ...: the one closest to zero opened first. */
    private static final Comparator<TaskRow> FIRST_OPENED = Comparator.comparingLong(t -> -t.id());

    /** Reads for the unwritten instance: a pooled task's candidates are those it was offered to. */
    private static final class Offers extends InstanceReads.Unwritten {
        private final Map<Long, List<String>> candidates = new HashMap<>();

        void learn(InstanceChange r) {
            for (Effect e : r.effects) {
                if (e instanceof Effect.Offer o) {
                    candidates.put(o.taskId(), o.candidates());
                }
            }
        }

        @Override
        public List<String> candidates(long taskId) {
            return candidates.getOrDefault(taskId, List.of());
        }
    }
}
