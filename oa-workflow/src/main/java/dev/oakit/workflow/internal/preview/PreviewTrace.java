package dev.oakit.workflow.internal.preview;

import dev.oakit.core.OaException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.PreviewApprover;
import dev.oakit.workflow.PreviewStep;
import dev.oakit.workflow.Route;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.ApproverResolution;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Seating;
import dev.oakit.workflow.internal.engine.Trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Watches the decider during a preview and writes the steps: one per node entered, in order, with
 * the approvers the decider selected (and why) and notes where the real route may differ: a
 * condition or approver rule that reads a form field an earlier approver may edit or a service may
 * change, separation of duties or de-duplication that depends on who approves where the mode does not
 * say, and where starting would fail. The decisions themselves are the engine's; this class only
 * describes them. It stops the walk where the route comes back to a node it saw.
 */
final class PreviewTrace implements Trace {
    private static final int MAX_STEPS = 1000;

    /** A step being written; approvers may still be passed over at their turn. */
    private static final class Step {
        final Node node;
        final String type;
        final ApprovalMode mode;
        final List<PreviewApprover> approvers;
        final List<String> notes;

        Step(Node node, String type, ApprovalMode mode, List<PreviewApprover> approvers, List<String> notes) {
            this.node = node;
            this.type = type;
            this.mode = mode;
            this.approvers = new ArrayList<>(approvers);
            this.notes = new ArrayList<>(notes);
        }

        PreviewStep build() {
            return new PreviewStep(node.id(), node.name() == null ? node.id() : node.name(), type, mode, List.copyOf(approvers),
                    notes.isEmpty() ? null : String.join("; ", notes));
        }
    }

    private final StartRequest request;
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    /** Form field → the earlier approval node whose approvers may change it. */
    private final Map<String, String> changeable = new LinkedHashMap<>();
    /** Approval node → the approvers selected there. */
    private final Map<String, List<String>> predicted = new LinkedHashMap<>();
    private final Map<String, ApprovalMode> modes = new LinkedHashMap<>();
    private final Map<String, Step> approvals = new LinkedHashMap<>();
    private String serviceBefore;
    private boolean stopped;
    private int entered;

    PreviewTrace(StartRequest request) {
        this.request = request;
    }

    List<PreviewStep> steps() {
        return steps.stream().map(Step::build).toList();
    }

    boolean stopped() {
        return stopped;
    }

    private void step(Node n, String type, ApprovalMode mode, List<PreviewApprover> approvers, List<String> notes) {
        steps.add(new Step(n, type, mode, approvers, notes));
    }

    void start(Node.Start start, String formProblem) {
        seen.add(start.id());
        step(start, "start", null, List.of(), formProblem == null ? List.of()
                : List.of("the form is not complete or not valid yet, starting would fail: " + formProblem + "; the preview uses the values given"));
    }

    /** The decider failed where the engine's command would: the last step says so and the preview ends. */
    void failed(OaException e) {
        if (!stopped && !steps.isEmpty()) {
            steps.get(steps.size() - 1).notes.add("the route stops here: " + e.getMessage());
        }
        stopped = true;
    }

    private boolean firstVisit(Node n) {
        if (++entered > MAX_STEPS) {
            step(n, type(n), null, List.of(), List.of("the route passes more than " + MAX_STEPS + " nodes; the preview stops here"));
            stopped = true;
            return false;
        }
        if (!seen.add(n.id())) {
            step(n, type(n), null, List.of(), List.of("the route comes back to this node; the preview stops here"
                    + " (the real route loops until a later decision changes the data it depends on)"));
            return false;
        }
        return true;
    }

    @Override
    public boolean entering(InstanceChange r, Node n) {
        if (stopped || !firstVisit(n)) {
            return false;
        }
        if (n instanceof Node.Parallel p) {
            List<Route> out = r.d().routesFrom(p.id());
            step(p, "parallel", null, List.of(), List.of("all " + out.size() + " branches run at once: "
                    + out.stream().map(Route::to).toList()));
        } else if (n instanceof Node.Service s) {
            serviceBefore = s.id();
            step(s, "service", null, List.of(), List.of("runs service '" + s.handler()
                    + "' in the background; its result may change the form data"));
        } else if (n instanceof Node.SubProcess sp) {
            step(sp, "subprocess", null, List.of(), List.of("starts process '" + sp.process() + "' and waits for it to end"
                    + (sp.rejectWhenRejected() ? "; its rejection rejects this instance" : "; the route continues whatever its outcome")));
        } else if (n instanceof Node.End e) {
            step(e, "end", null, List.of(), List.of("the instance ends " + e.outcome()));
        }
        return true;
    }

    @Override
    public boolean joined(InstanceChange r, Node.Join j) {
        if (stopped || !firstVisit(j)) {
            return false;
        }
        step(j, "join", null, List.of(), List.of(j.first() == null ? "waits for the branches of '" + j.split() + "'"
                : "passes when the first " + j.first() + " branch(es) of '" + j.split()
                + "' arrived; the tasks still open in the other branches are closed"));
        return true;
    }

    @Override
    public void branched(InstanceChange r, Node split, List<Evaluated> evaluated, List<Route> taken, Route fallback) {
        List<String> notes = new ArrayList<>();
        for (Evaluated e : evaluated) {
            Route route = e.route();
            if (e.error() != null) {
                notes.add("the condition '" + route.condition() + "' to '" + route.to()
                        + "' cannot be evaluated with this form (starting would fail): " + e.error());
            }
            if (route.condition() != null) {
                readsChangeable(route.condition(), notes);
            }
            if (e.holds()) {
                notes.add(route.condition() == null ? "goes on to '" + route.to() + "'"
                        : "the condition '" + route.condition() + "' holds: on to '" + route.to() + "'");
            }
        }
        if (fallback != null) {
            notes.add("no condition holds: the default route to '" + fallback.to() + "'");
        }
        if (serviceBefore != null) {
            notes.add(RoutePreviewer.DEPENDS + "what service node '" + serviceBefore + "' answers; the possible routes: "
                    + r.d().routesFrom(split.id()).stream().map(x -> (x.condition() != null ? "'" + x.condition() + "'"
                    : Boolean.TRUE.equals(x.isDefault()) ? "otherwise" : "always") + " → '" + x.to() + "'").toList());
        }
        if (taken.isEmpty()) {
            notes.add("no condition holds and there is no default route: starting (or reaching this branch) fails with "
                    + WorkflowErrors.NO_ROUTE);
            stopped = true;
        }
        step(split, type(split), null, List.of(), notes);
    }

    @Override
    public void copied(InstanceChange r, Node.Cc c, List<ApproverResolution.Resolved> to) {
        List<String> notes = new ArrayList<>();
        notes.add(to.isEmpty() ? "cc: nobody is resolved, nobody is informed" : "cc: informed, they do not decide");
        formDependence(c.recipients(), notes);
        step(c, "cc", null, to.stream().map(x -> new PreviewApprover(x.userId(), x.reason())).toList(), notes);
    }

    @Override
    public void selected(InstanceChange r, Node.Approval a, List<ApproverResolution.Resolved> resolved, Seating.Selection selection,
                         List<String> users, List<String> auto, boolean fallback) {
        List<String> notes = new ArrayList<>();
        if (a.approvers().stream().anyMatch(ApproverRule.InitiatorChooses.class::isInstance)
                && request.chosenApprovers().getOrDefault(a.id(), List.of()).isEmpty()) {
            notes.add("the initiator chooses the approvers of this node when starting; none chosen yet");
        }
        formDependence(a.approvers(), notes);
        if (selection.replaced() && selection.replacing() == null) {
            notes.add("the initiator is replaced by their manager, who has no other place here");
        }
        separation(r, a, resolved, selection, notes);
        if (a.onReject() == Node.OnReject.REFILL) {
            notes.add("a rejection here sends the form back to the initiator to refill and resubmit (驳回重填)");
        }
        String last = r.st.lastCompleted;
        if (a.dedupe() && last != null) {
            boolean certain = r.st.joins.isEmpty() && (modes.get(last) == ApprovalMode.ALL || modes.get(last) == ApprovalMode.SEQUENTIAL);
            for (String u : users) {
                if (!certain && predicted.getOrDefault(last, List.of()).contains(u)) {
                    notes.add(RoutePreviewer.DEPENDS + u + " is approved automatically if they approve '" + last + "'");
                }
            }
        }
        // who has a task now, or is queued for their turn (or, on a pool node, is offered the task)
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        Set<String> opened = new HashSet<>();
        r.drafts.stream().filter(d -> d.nodeId().equals(a.id()) && d.round() == run.round).forEach(d -> opened.add(d.assigneeId()));
        List<PreviewApprover> out = new ArrayList<>();
        List<String> withoutTask = new ArrayList<>();
        for (String u : users) {
            if (opened.contains(u) || run.queue.contains(u) || (a.pool() && !auto.contains(u))) {
                out.add(new PreviewApprover(u, reason(r, a, u, resolved, selection, auto, fallback)));
            } else {
                withoutTask.add(u);
            }
        }
        if (!withoutTask.isEmpty()) {
            notes.add(withoutTask + " get no task: the automatic approval of " + auto + " decides the node");
        }
        if (users.isEmpty()) {
            if (a.onEmpty() == Node.NoApprover.SKIP) {
                notes.add("no approver: will be skipped");
            } else {
                notes.add("no approver: starting (or reaching this node) fails with " + WorkflowErrors.NO_APPROVER + ";"
                        + " configure onEmpty or fix the organisation");
                stopped = true;
            }
        }
        step(a, "approval", a.mode(), out, notes);
        approvals.put(a.id(), steps.get(steps.size() - 1));
        predicted.put(a.id(), List.copyOf(users));
        modes.put(a.id(), a.mode());
        a.fields().forEach((field, access) -> {
            if (access == FieldAccess.EDITABLE || access == FieldAccess.REQUIRED) {
                changeable.putIfAbsent(field, a.id());
            }
        });
    }

    private static String reason(InstanceChange r, Node.Approval a, String u, List<ApproverResolution.Resolved> resolved,
                                 Seating.Selection selection, List<String> auto, boolean fallback) {
        String why;
        if (fallback) {
            why = a.onEmpty() == Node.NoApprover.ADMIN ? "no approver resolved: a process administrator"
                    : "no approver resolved: the node's fallback user";
        } else if (u.equals(selection.replacing())) {
            why = "the initiator's manager, in place of the initiator";
        } else {
            why = resolved.stream().filter(x -> x.userId().equals(u)).map(ApproverResolution.Resolved::reason).findFirst().orElse("");
        }
        if (!auto.contains(u)) {
            return why;
        }
        return u.equals(r.row.initiatorId()) && a.whenInitiator() == Node.InitiatorApprover.SKIP
                ? why + "; the initiator: approved automatically"
                : why + "; approves '" + r.st.lastCompleted + "' just before: approved automatically";
    }

    /** Who the separation of duties left out, and where that depends on who approves the other node. */
    private void separation(InstanceChange r, Node.Approval a, List<ApproverResolution.Resolved> resolved, Seating.Selection selection,
                            List<String> notes) {
        for (String other : a.separateFrom()) {
            List<String> approvedThere = r.st.approvedBy.getOrDefault(other, List.of());
            List<String> excluded = selection.excluded().stream()
                    .filter(v -> v.refusal() == AssigneeCheck.Refusal.SEPARATION && approvedThere.contains(v.userId()))
                    .map(AssigneeCheck.Verdict::userId).toList();
            if (!excluded.isEmpty()) {
                notes.add(excluded + " excluded: they approve at '" + other + "' (separation of duties)");
            }
            boolean everyoneApprovesThere = modes.get(other) == ApprovalMode.ALL || modes.get(other) == ApprovalMode.SEQUENTIAL;
            List<String> there = predicted.getOrDefault(other, List.of());
            boolean overlap = resolved.stream().anyMatch(x -> there.contains(x.userId()));
            if ((!everyoneApprovesThere && overlap) || !predicted.containsKey(other)) {
                notes.add(RoutePreviewer.DEPENDS + "whoever approves at '" + other + "' is excluded here (separation of duties)");
            }
        }
    }

    @Override
    public void passedOver(InstanceChange r, Node.Approval node, AssigneeCheck.Verdict verdict) {
        Step step = approvals.get(node.id());
        if (step != null && step.approvers.removeIf(p -> p.userId().equals(verdict.userId()))) {
            step.notes.add(verdict.userId() + " is passed over at their turn: " + verdict.reason());
        }
    }

    /** Approvers queued at a SEQUENTIAL node of a branch the join closes never get their turn: they leave the node's step. */
    @Override
    public void closedByJoin(InstanceChange r, Node.Join join, Set<String> nodes) {
        for (String node : nodes) {
            Step step = approvals.get(node);
            InstanceState.NodeRun run = r.st.runs.get(node);
            if (step == null || run == null || !r.st.active.contains(node) || run.queue.isEmpty()) {
                continue;
            }
            List<String> queued = List.copyOf(run.queue);
            if (step.approvers.removeIf(p -> queued.contains(p.userId()))) {
                step.notes.add(queued + " get no turn: join '" + join.id() + "' passes first and closes this branch");
            }
        }
    }

    /** Notes when a condition reads a form field an earlier approver may change, or a service ran before. */
    private void readsChangeable(String condition, List<String> notes) {
        for (Map.Entry<String, String> e : changeable.entrySet()) {
            if (Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\b").matcher(condition).find()) {
                notes.add(RoutePreviewer.DEPENDS + "'" + condition + "' reads form field '" + e.getKey() + "', which the approvers of '"
                        + e.getValue() + "' may change");
            }
        }
        if (serviceBefore != null && condition.contains("form")) {
            notes.add(RoutePreviewer.DEPENDS + "'" + condition + "' reads the form, which service node '" + serviceBefore + "' may change");
        }
    }

    /** Notes approver rules that read form fields earlier nodes may change. */
    private void formDependence(List<ApproverRule> rules, List<String> notes) {
        for (ApproverRule rule : rules) {
            String field = rule instanceof ApproverRule.FormField f ? f.key()
                    : rule instanceof ApproverRule.DepartmentHead h ? h.formField() : null;
            if (field != null && changeable.containsKey(field)) {
                notes.add(RoutePreviewer.DEPENDS + "the approvers come from form field '" + field + "', which the approvers of '"
                        + changeable.get(field) + "' may change");
            }
            if (serviceBefore != null && (field != null || rule instanceof ApproverRule.Custom)) {
                notes.add(RoutePreviewer.DEPENDS + "the approvers are read from the form data, which service node '" + serviceBefore
                        + "' may change");
            }
        }
    }

    private static String type(Node n) {
        return n instanceof Node.Start ? "start" : n instanceof Node.Approval ? "approval" : n instanceof Node.Cc ? "cc"
                : n instanceof Node.Exclusive ? "exclusive" : n instanceof Node.Parallel ? "parallel"
                : n instanceof Node.Inclusive ? "inclusive" : n instanceof Node.Join ? "join" : n instanceof Node.Service ? "service"
                : n instanceof Node.SubProcess ? "subprocess" : "end";
    }
}
