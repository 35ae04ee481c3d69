package dev.oakit.workflow.internal.engine;

import dev.oakit.core.ValidationException;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.WorkflowConfig;
import dev.oakit.workflow.internal.ApproverResolution;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import dev.oakit.workflow.internal.assign.AssigneeCheck;
import dev.oakit.workflow.internal.assign.AssigneeCheck.Path;
import dev.oakit.workflow.internal.assign.AssigneeCheck.Seat;
import dev.oakit.workflow.internal.assign.AssigneeCheck.Verdict;
import dev.oakit.workflow.internal.proxy.Proxies;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The engine's side of {@link AssigneeCheck}: takes the seat of a node from an instance's loaded
 * state (open tasks, the SEQUENTIAL queue, who decided in this round, who approved which node),
 * so the check costs no statement, and applies it on each path: the approvers of a node being
 * entered, the proxies of new tasks, explicit actions that name people, and the search upwards
 * for who may take a task when the first choice may not.
 */
@Singleton
public final class Seating {
    /** How far up the manager chain the timeout ladder and a handover look for someone who may take a task. */
    static final int MANAGER_LEVELS = 20;

    private final ApproverResolution resolution;
    private final WorkflowConfig config;
    private final Proxies proxies;

    @Inject
    private Seating(ApproverResolution resolution, WorkflowConfig config, Proxies proxies) {
        this.resolution = resolution;
        this.config = config;
        this.proxies = proxies;
    }

    /** A history entry for the engine to write (action, detail). */
    public record Note(String action, String detail) {
    }

    /**
     * The approvers of a node being entered.
     *
     * @param users who gets a task (or approves automatically), in the rule's order
     * @param auto the initiator approving automatically (whenInitiator SKIP)
     * @param notes why people were replaced or excluded
     * @param excluded the refusals of those left out
     * @param replacing the manager who takes the initiator's place (whenInitiator MANAGER), or null
     * @param replaced true when the initiator was to be replaced by their manager
     */
    public record Selection(List<String> users, List<String> auto, List<Note> notes, List<Verdict> excluded, String replacing,
                            boolean replaced) {
    }

    /**
     * The seat of node {@code a} as the loaded state shows it.
     *
     * @param leaving the task that is about to move to someone else (its assignee and the approver
     *                a proxy holds it for give up their seat; a delegating owner keeps it), or null
     */
    public Seat seat(InstanceChange r, Node.Approval a, Long leaving) {
        Map<String, String> holders = new LinkedHashMap<>();
        String at = " at node '" + a.id() + "'";
        for (TaskRow t : r.open) {
            if (!t.nodeId().equals(a.id())) {
                continue;
            }
            // the approver a proxy holds the task for: the task row says so; the state's map covers a task opened in this change
            String principal = t.proxyFor() != null ? t.proxyFor() : r.st.proxyFor.get(t.id());
            if (leaving == null || t.id() != leaving) {
                if (!Tasks.UNASSIGNED.equals(t.assigneeId())) {
                    holders.putIfAbsent(t.assigneeId(), "already holds task " + t.id() + at);
                }
                if (principal != null) {
                    holders.putIfAbsent(principal, "already has task " + t.id() + at + ", held for them by the proxy '"
                            + t.assigneeId() + "'");
                }
            }
            if (t.ownerId() != null) {
                holders.putIfAbsent(t.ownerId(), "delegated task " + t.id() + at + " and still decides it");
            }
        }
        InstanceState.NodeRun run = r.st.runs.get(a.id());
        if (run != null) {
            run.queue.forEach(u -> holders.putIfAbsent(u, "is due later in the sequence of node '" + a.id() + "'"));
            decided(r, a, run).forEach(u -> holders.putIfAbsent(u, "already decided" + at
                    + " in this round, or was removed from it (减签)"));
        }
        return new Seat(r.row.id(), r.row.initiatorId(), a, r.st.approvedBy, holders, config.initiatorAsStandIn());
    }

    /**
     * Who decided at the node in its current round. Runs stored before the state kept it read it
     * once from their tasks, and keep it from then on.
     */
    private static List<String> decided(InstanceChange r, Node.Approval a, InstanceState.NodeRun run) {
        if (run.decided == null) {
            run.decided = new ArrayList<>();
            r.reads.seatsOfRound(r.row.id(), a.id(), run.round).forEach(u -> InstanceState.seat(run.decided, u));
        }
        return run.decided;
    }

    /** @return the one check for a person at a seat, with the directory's answer to "is active" */
    public Verdict check(InstanceChange r, Seat seat, String userId, Path path) {
        return AssigneeCheck.check(seat, userId, path, u -> resolution.isActive(r.tenant(), u));
    }

    /** @return the first of {@code candidates} who passes the check, or null; {@code passedOver} gets the others' refusals */
    public Verdict firstAllowed(InstanceChange r, Seat seat, Path path, Iterable<String> candidates, List<Verdict> passedOver) {
        return AssigneeCheck.firstAllowed(seat, path, candidates, u -> resolution.isActive(r.tenant(), u), passedOver);
    }

    /**
     * The approvers of node {@code a} as it is entered: each resolved user passes the check (the
     * resolution returns active users only, so no directory question is asked again). The initiator
     * approves automatically where the node says SKIP, is replaced by their manager where it says
     * MANAGER; whoever the separation of duties excludes is left out.
     */
    public Selection select(InstanceChange r, Node.Approval a, List<String> resolved) {
        Seat seat = seat(r, a, null);
        List<String> users = new ArrayList<>();
        List<String> auto = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        List<Verdict> excluded = new ArrayList<>();
        String[] replacing = {null};
        boolean replaced = false;
        for (String u : resolved) {
            Verdict v = AssigneeCheck.check(seat, u, Path.RULE, known -> true);
            Verdict separated = AssigneeCheck.separation(seat, u, Path.RULE);
            if (v.allowed()) {
                users.add(u);
            } else if (v.refusal() == AssigneeCheck.Refusal.INITIATOR && separated == null
                    && a.whenInitiator() == Node.InitiatorApprover.SKIP) {
                users.add(u);
                auto.add(u);
            } else if (v.refusal() == AssigneeCheck.Refusal.INITIATOR && separated == null) {
                replaced = true;
                notes.add(new Note("approver-replaced", "the initiator is replaced by their manager"));
                resolution.manager(r.tenant(), u).filter(m -> !resolved.contains(m) && !users.contains(m)).ifPresent(m -> {
                    Verdict manager = AssigneeCheck.check(seat, m, Path.RULE, known -> true);
                    if (manager.allowed()) {
                        users.add(m);
                        replacing[0] = m;
                    } else {
                        notes.add(new Note("approver-excluded", manager.reason()));
                        excluded.add(manager);
                    }
                });
            } else {
                Verdict refused = separated != null ? separated : v;
                notes.add(new Note("approver-excluded", refused.reason()));
                excluded.add(refused);
            }
        }
        return new Selection(users, auto, notes, excluded, replacing[0], replaced);
    }

    /** The node's {@code onEmpty} fallback (ADMIN: the administrators; USER: its user), each passing the check. */
    public List<String> fallback(InstanceChange r, Node.Approval a, List<Note> notes) {
        Seat seat = seat(r, a, null);
        List<String> out = new ArrayList<>();
        for (String u : fallbackUsers(r.tenant(), a)) {
            Verdict v = check(r, seat, u, Path.RULE);
            if (v.allowed()) {
                out.add(u);
            } else if (v.refusal() != AssigneeCheck.Refusal.INACTIVE) {
                notes.add(new Note("approver-excluded", v.reason()));
            }
        }
        return out;
    }

    private List<String> fallbackUsers(String tenant, Node.Approval a) {
        return switch (a.onEmpty()) {
            case ADMIN -> resolution.admins(tenant);
            case USER -> a.emptyUser() == null ? List.of() : List.of(a.emptyUser());
            case SKIP, REFUSE -> List.of();
        };
    }

    /**
     * Who gets the new tasks of {@code users} at a node: a proxy (委托) where a rule of the user is
     * in force and someone on its chain passes the check, where the other users of the batch
     * already sit (so a co-signer or a later turn never gets a second seat through a proxy). No
     * statement for tenants without proxy rules.
     */
    List<Proxies.Assignment> assignments(InstanceChange r, String nodeId, List<String> users, TaskStatus status) {
        Node.Approval a = (Node.Approval) r.node(nodeId);
        Seat[] seat = {null};
        List<Proxies.Assignment> out = new ArrayList<>();
        for (String u : users) {
            if (status != TaskStatus.OPEN || Tasks.UNASSIGNED.equals(u)) {
                out.add(Proxies.Assignment.unchanged(u));
                continue;
            }
            Proxies.Assignment who = r.reads.assign(r.row.key(), u, candidate -> {
                if (seat[0] == null) {
                    seat[0] = seat(r, a, null);
                    for (String b : users) {
                        seat[0] = seat[0].with(b, "is already an approver of node '" + nodeId + "'");
                    }
                }
                Verdict v = check(r, seat[0], candidate, Path.PROXY);
                return v.allowed() ? null : v.reason();
            });
            proxies.loopNotice(r.tenant(), r.row.key(), who)
                    .ifPresent(n -> r.effects.add(new Effect.Notify(dev.oakit.core.Actor.system(r.tenant()), n)));
            if (who.principal() != null) {
                seat[0] = seat[0].with(who.userId(), "already holds a task at node '" + nodeId + "' for '" + who.principal() + "'");
            }
            out.add(who);
        }
        return out;
    }

    /**
     * Checks the people an explicit action names (transfer, delegate, add signer) and fails with
     * one {@link ValidationException} listing every refused person on the field that named them.
     *
     * @param move true when {@code t} itself moves to the person (transfer, delegate)
     * @param field the field that names the i-th person
     */
    public void requireAll(InstanceChange r, TaskRow t, List<String> named, Path path, boolean move, String what,
                    IntFunction<String> field) {
        Seat seat = seat(r, (Node.Approval) r.node(t.nodeId()), move ? t.id() : null);
        List<Verdict> refused = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            String u = named.get(i);
            if (u.equals(r.actor.userId())) {
                throw ValidationException.of(field.apply(i), "name someone other than yourself");
            }
            Verdict v = check(r, seat, u, path);
            if (v.allowed()) {
                seat = seat.with(u, "is named twice");
            } else {
                refused.add(v);
                fields.add(field.apply(i));
            }
        }
        if (!refused.isEmpty()) {
            throw AssigneeCheck.invalid(what, refused, fields);
        }
    }

    /**
     * The people to try, in order, for a task whose first choice may not take it: {@code first},
     * the managers above {@code from}, then the node's fallback; each list is read only when the
     * ones before it had nobody.
     */
    public Iterable<String> upwardFrom(String tenant, String first, String from, Node.Approval a) {
        List<Supplier<List<String>>> sources = List.of(() -> first == null ? List.of() : List.of(first),
                () -> resolution.managerChain(tenant, from, MANAGER_LEVELS), () -> fallbackUsers(tenant, a));
        return () -> sources.stream().flatMap(s -> s.get().stream()).iterator();
    }
}
