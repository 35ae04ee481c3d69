package dev.oakit.workflow.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormAccess;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.ApprovalMode;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.PreviewApprover;
import dev.oakit.workflow.PreviewStep;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;
import dev.oakit.workflow.RoutePreview;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.internal.expr.Conditions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Predicts the route of a start form: walks the latest definition from its start node as the
 * engine would on start (same approver resolution, same condition evaluation, same per-node rules
 * for the initiator and for empty nodes), writing nothing. Where the real route depends on what
 * happens later (an approver edits a field a condition or rule reads, a service node changes the
 * form, separation of duties or de-duplication depends on who actually approves) the step's note
 * says so, starting with {@value #DEPENDS}.
 */
@Singleton
public final class RoutePreviewer {
    /** The note prefix of a step whose approvers or branch depend on an earlier decision. */
    static final String DEPENDS = "depends on an earlier decision: ";
    private static final int MAX_STEPS = 1000;

    private final Commands commands;
    private final DefinitionStore definitions;
    private final ApproverResolution resolution;
    private final Conditions conditions;
    private final ObjectMapper json;

    @Inject
    public RoutePreviewer(Commands commands, DefinitionStore definitions, ApproverResolution resolution, Conditions conditions,
                          ObjectMapper json) {
        this.commands = commands;
        this.definitions = definitions;
        this.resolution = resolution;
        this.conditions = conditions;
        this.json = json;
    }

    /** Previews; reads the definition in a read-only query, the organisation through the directory. */
    RoutePreview preview(Actor initiator, StartRequest request) {
        ProcessDefinition d = commands.query(h -> definitions.latest(h, initiator.tenantId(), request.processKey())).definition();
        Walk w = new Walk(initiator, request, d);
        Node start = d.nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElseThrow();
        w.enter(start.id());
        return new RoutePreview(w.steps);
    }

    /** One walk over the graph. */
    private final class Walk {
        final Actor initiator;
        final StartRequest request;
        final ProcessDefinition d;
        final List<PreviewStep> steps = new ArrayList<>();
        final Map<String, int[]> joins = new LinkedHashMap<>();
        final Set<String> seen = new HashSet<>();
        /** Form field → the earlier approval node whose approvers may change it. */
        final Map<String, String> changeable = new LinkedHashMap<>();
        /** Approval node → predicted approvers. */
        final Map<String, List<String>> predicted = new LinkedHashMap<>();
        final Map<String, ApprovalMode> modes = new LinkedHashMap<>();
        Map<String, Object> form;
        String formProblem;
        Map<String, Object> initiatorVars;
        String serviceBefore;
        String lastApproval;
        boolean stopped;
        int count;

        Walk(Actor initiator, StartRequest request, ProcessDefinition d) {
            this.initiator = initiator;
            this.request = request;
            this.d = d;
            Node.Start start = (Node.Start) d.nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElseThrow();
            ObjectNode submitted = json.valueToTree(request.form());
            ObjectNode f = submitted;
            if (d.form() != null) {
                try {
                    f = FormAccess.of(d.form(), start.fields(), FieldAccess.EDITABLE).write(json.createObjectNode(), submitted);
                } catch (ValidationException e) {
                    formProblem = e.getMessage();
                }
            }
            form = json.convertValue(f, new TypeReference<LinkedHashMap<String, Object>>() { });
        }

        String tenant() {
            return initiator.tenantId();
        }

        void step(Node n, String type, ApprovalMode mode, List<PreviewApprover> approvers, List<String> notes) {
            steps.add(new PreviewStep(n.id(), n.name() == null ? n.id() : n.name(), type, mode, approvers,
                    notes.isEmpty() ? null : String.join("; ", notes)));
        }

        void enter(String id) {
            if (stopped) {
                return;
            }
            Node n = d.node(id).orElseThrow(() -> new IllegalStateException("node '" + id + "' missing from process '" + d.key() + "'"));
            if (++count > MAX_STEPS) {
                step(n, type(n), null, List.of(), List.of("the route passes more than " + MAX_STEPS + " nodes; the preview stops here"));
                stopped = true;
                return;
            }
            if (n instanceof Node.Join) {
                int[] counter = joins.get(id);
                if (counter != null && ++counter[1] < counter[0]) {
                    return; // waits for the other branches
                }
                joins.remove(id);
            }
            if (!seen.add(id)) {
                step(n, type(n), null, List.of(), List.of("the route comes back to this node; the preview stops here"
                        + " (the real route loops until a later decision changes the data it depends on)"));
                return;
            }
            if (n instanceof Node.Start s) {
                step(s, "start", null, List.of(), formProblem == null ? List.of()
                        : List.of("the form is not complete or not valid yet, starting would fail: " + formProblem
                        + "; the preview uses the values given"));
                leave(id);
            } else if (n instanceof Node.Approval a) {
                approval(a);
            } else if (n instanceof Node.Cc c) {
                List<PreviewApprover> to = resolution.resolve(tenant(), initiator.userId(), form, request.chosenApprovers(), c.id(),
                        c.recipients()).stream().map(r -> new PreviewApprover(r.userId(), r.reason())).toList();
                List<String> notes = new ArrayList<>();
                notes.add(to.isEmpty() ? "cc: nobody is resolved, nobody is informed" : "cc: informed, they do not decide");
                formDependence(c.recipients(), notes);
                step(c, "cc", null, to, notes);
                leave(id);
            } else if (n instanceof Node.Exclusive || n instanceof Node.Inclusive) {
                boolean all = n instanceof Node.Inclusive;
                List<String> notes = new ArrayList<>();
                List<Route> taken = pick(n, all, notes);
                step(n, type(n), null, List.of(), notes);
                if (all) {
                    split(id, taken);
                } else {
                    taken.forEach(r -> enter(r.to()));
                }
            } else if (n instanceof Node.Parallel p) {
                List<Route> out = d.routesFrom(id);
                step(p, "parallel", null, List.of(), List.of("all " + out.size() + " branches run at once: "
                        + out.stream().map(Route::to).toList()));
                split(id, out);
            } else if (n instanceof Node.Join j) {
                step(j, "join", null, List.of(), List.of("waits for the branches of '" + j.split() + "'"));
                leave(id);
            } else if (n instanceof Node.Service s) {
                serviceBefore = s.id();
                step(s, "service", null, List.of(), List.of("runs service '" + s.handler()
                        + "' in the background; its result may change the form data"));
                leave(id);
            } else if (n instanceof Node.SubProcess sp) {
                step(sp, "subprocess", null, List.of(), List.of("starts process '" + sp.process() + "' and waits for it to end"
                        + (sp.rejectWhenRejected() ? "; its rejection rejects this instance" : "; the route continues whatever its outcome")));
                leave(id);
            } else if (n instanceof Node.End e) {
                step(e, "end", null, List.of(), List.of("the instance ends " + e.outcome()));
            }
        }

        void leave(String id) {
            for (Route r : d.routesFrom(id)) {
                enter(r.to());
            }
        }

        void split(String id, List<Route> taken) {
            d.nodes().stream().filter(x -> x instanceof Node.Join j && id.equals(j.split())).findFirst()
                    .ifPresent(j -> joins.put(j.id(), new int[]{taken.size(), 0}));
            taken.forEach(r -> enter(r.to()));
        }

        List<Route> pick(Node split, boolean all, List<String> notes) {
            List<Route> out = d.routesFrom(split.id());
            boolean needsInitiator = out.stream().anyMatch(x -> x.condition() != null && x.condition().contains("initiator"));
            if (needsInitiator && initiatorVars == null) {
                initiatorVars = resolution.initiatorVariables(tenant(), initiator.userId());
            }
            Map<String, Object> vars = Map.of("form", form, "initiator", needsInitiator ? initiatorVars : Map.of(),
                    "instance", Map.of("priority", request.priority(), "businessKey", request.businessKey() == null ? "" : request.businessKey()));
            List<Route> taken = new ArrayList<>();
            Route fallback = null;
            for (Route route : out) {
                if (route.isDefault()) {
                    fallback = route;
                    continue;
                }
                boolean holds;
                if (route.condition() == null) {
                    holds = true;
                } else {
                    try {
                        holds = conditions.compile(route.condition()).evaluate(vars);
                    } catch (ValidationException e) {
                        notes.add("the condition '" + route.condition() + "' to '" + route.to()
                                + "' cannot be evaluated with this form (starting would fail): " + e.getMessage());
                        holds = false;
                    }
                    readsChangeable(route.condition(), notes);
                }
                if (holds) {
                    taken.add(route);
                    notes.add(route.condition() == null ? "goes on to '" + route.to() + "'"
                            : "the condition '" + route.condition() + "' holds: on to '" + route.to() + "'");
                    if (!all) {
                        break;
                    }
                }
            }
            if (taken.isEmpty() && fallback != null) {
                taken.add(fallback);
                notes.add("no condition holds: the default route to '" + fallback.to() + "'");
            }
            if (taken.isEmpty()) {
                notes.add("no condition holds and there is no default route: starting (or reaching this branch) fails with OA-WF/NO_ROUTE");
                stopped = true;
            }
            return taken;
        }

        /** Notes when a condition reads a form field an earlier approver may change, or a service ran before. */
        void readsChangeable(String condition, List<String> notes) {
            for (Map.Entry<String, String> e : changeable.entrySet()) {
                if (Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\b").matcher(condition).find()) {
                    notes.add(DEPENDS + "'" + condition + "' reads form field '" + e.getKey() + "', which the approvers of '"
                            + e.getValue() + "' may change");
                }
            }
            if (serviceBefore != null && condition.contains("form")) {
                notes.add(DEPENDS + "'" + condition + "' reads the form, which service node '" + serviceBefore + "' may change");
            }
        }

        /** Notes approver rules that read form fields earlier nodes may change. */
        void formDependence(List<ApproverRule> rules, List<String> notes) {
            for (ApproverRule rule : rules) {
                String field = rule instanceof ApproverRule.FormField f ? f.key()
                        : rule instanceof ApproverRule.DepartmentHead h ? h.formField() : null;
                if (field != null && changeable.containsKey(field)) {
                    notes.add(DEPENDS + "the approvers come from form field '" + field + "', which the approvers of '"
                            + changeable.get(field) + "' may change");
                }
                if (serviceBefore != null && (field != null || rule instanceof ApproverRule.Custom)) {
                    notes.add(DEPENDS + "the approvers are read from the form data, which service node '" + serviceBefore + "' may change");
                }
            }
        }

        void approval(Node.Approval a) {
            List<String> notes = new ArrayList<>();
            List<PreviewApprover> out = new ArrayList<>(resolution.resolve(tenant(), initiator.userId(), form,
                    request.chosenApprovers(), a.id(), a.approvers()).stream().map(r -> new PreviewApprover(r.userId(), r.reason())).toList());
            if (a.approvers().stream().anyMatch(ApproverRule.InitiatorChooses.class::isInstance)
                    && request.chosenApprovers().getOrDefault(a.id(), List.of()).isEmpty()) {
                notes.add("the initiator chooses the approvers of this node when starting; none chosen yet");
            }
            formDependence(a.approvers(), notes);
            String me = initiator.userId();
            int at = indexOf(out, me);
            if (at >= 0) {
                switch (a.whenInitiator()) {
                    case SKIP -> out.set(at, new PreviewApprover(me, out.get(at).reason() + "; the initiator: approved automatically"));
                    case MANAGER -> {
                        out.remove(at);
                        resolution.manager(tenant(), me).filter(m -> indexOf(out, m) < 0).ifPresentOrElse(
                                m -> out.add(at, new PreviewApprover(m, "the initiator's manager, in place of the initiator")),
                                () -> notes.add("the initiator is replaced by their manager, who has no other place here"));
                    }
                    case KEEP -> { }
                }
            }
            for (String other : a.separateFrom()) {
                List<String> there = predicted.getOrDefault(other, List.of());
                boolean allApprove = modes.get(other) == ApprovalMode.ALL || modes.get(other) == ApprovalMode.SEQUENTIAL;
                List<String> overlap = out.stream().map(PreviewApprover::userId).filter(there::contains).toList();
                if (allApprove && !overlap.isEmpty()) {
                    out.removeIf(p -> overlap.contains(p.userId()));
                    notes.add(overlap + " excluded: they approve at '" + other + "' (separation of duties)");
                } else if (!overlap.isEmpty() || !predicted.containsKey(other)) {
                    notes.add(DEPENDS + "whoever approves at '" + other + "' is excluded here (separation of duties)");
                }
            }
            if (a.dedupe() && lastApproval != null) {
                List<String> there = predicted.getOrDefault(lastApproval, List.of());
                boolean certain = joins.isEmpty() && (modes.get(lastApproval) == ApprovalMode.ALL
                        || modes.get(lastApproval) == ApprovalMode.SEQUENTIAL);
                for (int i = 0; i < out.size(); i++) {
                    PreviewApprover p = out.get(i);
                    if (there.contains(p.userId())) {
                        if (certain) {
                            out.set(i, new PreviewApprover(p.userId(), p.reason() + "; approves '" + lastApproval
                                    + "' just before: approved automatically"));
                        } else {
                            notes.add(DEPENDS + p.userId() + " is approved automatically if they approve '" + lastApproval + "'");
                        }
                    }
                }
            }
            if (out.isEmpty()) {
                switch (a.onEmpty()) {
                    case SKIP -> notes.add("no approver: will be skipped");
                    case ADMIN -> resolution.admins(tenant()).forEach(u -> out.add(new PreviewApprover(u,
                            "no approver resolved: a process administrator")));
                    case USER -> {
                        if (a.emptyUser() != null && resolution.isActive(tenant(), a.emptyUser())) {
                            out.add(new PreviewApprover(a.emptyUser(), "no approver resolved: the node's fallback user"));
                        }
                    }
                    case REFUSE -> { }
                }
                if (out.isEmpty() && a.onEmpty() != Node.NoApprover.SKIP) {
                    notes.add("no approver: starting (or reaching this node) fails with OA-WF/NO_APPROVER;"
                            + " configure onEmpty or fix the organisation");
                    step(a, "approval", a.mode(), out, notes);
                    stopped = true;
                    return;
                }
            }
            step(a, "approval", a.mode(), out, notes);
            predicted.put(a.id(), out.stream().map(PreviewApprover::userId).toList());
            modes.put(a.id(), a.mode());
            lastApproval = a.id();
            a.fields().forEach((field, access) -> {
                if (access == FieldAccess.EDITABLE || access == FieldAccess.REQUIRED) {
                    changeable.putIfAbsent(field, a.id());
                }
            });
            leave(a.id());
        }

        private static int indexOf(List<PreviewApprover> list, String userId) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).userId().equals(userId)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static String type(Node n) {
        return n instanceof Node.Start ? "start" : n instanceof Node.Approval ? "approval" : n instanceof Node.Cc ? "cc"
                : n instanceof Node.Exclusive ? "exclusive" : n instanceof Node.Parallel ? "parallel"
                : n instanceof Node.Inclusive ? "inclusive" : n instanceof Node.Join ? "join" : n instanceof Node.Service ? "service"
                : n instanceof Node.SubProcess ? "subprocess" : "end";
    }
}
