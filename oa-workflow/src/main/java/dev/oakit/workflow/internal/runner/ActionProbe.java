package dev.oakit.workflow.internal.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.ApprovalAction;
import dev.oakit.workflow.ApprovalAction.Kind;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.InstanceState;
import dev.oakit.workflow.SignerPosition;
import dev.oakit.workflow.TaskStatus;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.action.AbandonAction;
import dev.oakit.workflow.internal.engine.action.AddSignerAction;
import dev.oakit.workflow.internal.engine.action.ApprovalCommand;
import dev.oakit.workflow.internal.engine.action.ApproveAction;
import dev.oakit.workflow.internal.engine.action.CancelAction;
import dev.oakit.workflow.internal.engine.action.ClaimAction;
import dev.oakit.workflow.internal.engine.action.CommentAction;
import dev.oakit.workflow.internal.engine.action.DelegateAction;
import dev.oakit.workflow.internal.engine.action.JumpAction;
import dev.oakit.workflow.internal.engine.action.RejectAction;
import dev.oakit.workflow.internal.engine.action.ReleaseAction;
import dev.oakit.workflow.internal.engine.action.RemoveSignerAction;
import dev.oakit.workflow.internal.engine.action.ResolveAction;
import dev.oakit.workflow.internal.engine.action.ResubmitAction;
import dev.oakit.workflow.internal.engine.action.ResumeAction;
import dev.oakit.workflow.internal.engine.action.ReturnAction;
import dev.oakit.workflow.internal.engine.action.SuspendAction;
import dev.oakit.workflow.internal.engine.action.TransferAction;
import dev.oakit.workflow.internal.engine.action.UrgeAction;
import dev.oakit.workflow.internal.engine.action.WithdrawAction;
import dev.oakit.workflow.internal.store.Rows.TaskRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The actions an actor may take on an instance, decided by the actions themselves: the instance is loaded once (as a
 * command loads it, with its lock), each action decides on a fresh copy of it (the checks of {@link CommandRunner}
 * first), and what it would change is thrown away. A refusal
 * ({@link ForbiddenException}, {@link ConflictException}, {@link NotFoundException}) leaves the action out. For actions
 * with an argument the probe names nobody ({@link #NOBODY}); a {@link ValidationException} about that argument means
 * the actor may take the action with a fitting one. So there is one rule per action, the one that runs when it is taken.
 */
@Singleton
public final class ActionProbe {
    /**
     * The user or node a probe names where the action needs one: no real id (ids have no spaces), so only its own check
     * refuses it. Plain text: the directory looks it up, and PostgreSQL refuses a NUL character in a query.
     */
    static final String NOBODY = "oakit probe: nobody";

    private final Commands commands;
    private final CommandRunner runner;
    private final Clock clock;
    private final ObjectMapper json;
    private final ApproveAction approve;
    private final RejectAction reject;
    private final ReturnAction returnTo;
    private final TransferAction transfer;
    private final DelegateAction delegate;
    private final ResolveAction resolve;
    private final AddSignerAction addSigner;
    private final RemoveSignerAction removeSigner;
    private final ClaimAction claim;
    private final ReleaseAction release;
    private final ResubmitAction resubmit;
    private final AbandonAction abandon;
    private final WithdrawAction withdraw;
    private final CancelAction cancel;
    private final UrgeAction urge;
    private final CommentAction comment;
    private final JumpAction jump;
    private final SuspendAction suspend;
    private final ResumeAction resume;

    @Inject
    private ActionProbe(Commands commands, CommandRunner runner, Clock clock, ObjectMapper json, ApproveAction approve, RejectAction reject,
                       ReturnAction returnTo, TransferAction transfer, DelegateAction delegate, ResolveAction resolve,
                       AddSignerAction addSigner, RemoveSignerAction removeSigner, ClaimAction claim, ReleaseAction release,
                       ResubmitAction resubmit, AbandonAction abandon, WithdrawAction withdraw, CancelAction cancel, UrgeAction urge,
                       CommentAction comment, JumpAction jump, SuspendAction suspend, ResumeAction resume) {
        this.commands = commands;
        this.runner = runner;
        this.clock = clock;
        this.json = json;
        this.approve = approve;
        this.reject = reject;
        this.returnTo = returnTo;
        this.transfer = transfer;
        this.delegate = delegate;
        this.resolve = resolve;
        this.addSigner = addSigner;
        this.removeSigner = removeSigner;
        this.claim = claim;
        this.release = release;
        this.resubmit = resubmit;
        this.abandon = abandon;
        this.withdraw = withdraw;
        this.cancel = cancel;
        this.urge = urge;
        this.comment = comment;
        this.jump = jump;
        this.suspend = suspend;
        this.resume = resume;
    }

    /** @return the actions the actor may take on the instance now; see {@link dev.oakit.workflow.Approvals#actionsFor} */
    public List<ApprovalAction> actionsFor(Actor actor, long instanceId) {
        Checks.notNull("actor", actor);
        return commands.queryInTransaction(h -> {
            ProbeContext ctx = new ProbeContext(h, actor, clock.instant(), json);
            // one load (NotFoundException when there is no such instance); each probe decides on a fresh copy of it
            InstanceChange first = runner.load(ctx, false, instanceId, () -> CommandRunner.missing(ctx, instanceId));
            Probe p = new Probe(ctx, first);
            List<ApprovalAction> out = new ArrayList<>();
            for (TaskRow t : first.open) {
                if (t.status() != TaskStatus.OPEN) {
                    continue;
                }
                long id = t.id();
                Decision none = Decision.none();
                p.task(out, id, Kind.APPROVE, false, (r, x) -> approve.decide(r, x, node(r, x), new ApprovalCommand.Approve(id, none)));
                p.task(out, id, Kind.REJECT, false, (r, x) -> reject.decide(r, x, node(r, x), new ApprovalCommand.Reject(id, none)));
                p.task(out, id, Kind.RETURN, false,
                        (r, x) -> returnTo.decide(r, x, node(r, x), new ApprovalCommand.ReturnTo(id, null, none)));
                p.task(out, id, Kind.TRANSFER, true,
                        (r, x) -> transfer.decide(r, x, node(r, x), new ApprovalCommand.Transfer(id, NOBODY, none)));
                p.task(out, id, Kind.DELEGATE, true,
                        (r, x) -> delegate.decide(r, x, node(r, x), new ApprovalCommand.Delegate(id, NOBODY, none)));
                p.task(out, id, Kind.RESOLVE, false, (r, x) -> resolve.decide(r, x, node(r, x), new ApprovalCommand.Resolve(id, none)));
                p.task(out, id, Kind.ADD_SIGNER, true, (r, x) -> addSigner.decide(r, x, node(r, x),
                        new ApprovalCommand.AddSigner(id, SignerPosition.PARALLEL, List.of(NOBODY), none)));
                List<String> removable = new ArrayList<>();
                for (String u : signers(first, t)) {
                    if (p.accepts(r -> {
                        TaskRow x = CommandRunner.actionable(r, id);
                        removeSigner.decide(r, x, node(r, x), new ApprovalCommand.RemoveSigner(id, u, none));
                    }, false)) {
                        removable.add(u);
                    }
                }
                if (!removable.isEmpty()) {
                    out.add(new ApprovalAction(Kind.REMOVE_SIGNER, id, removable));
                }
                p.task(out, id, Kind.CLAIM, false, (r, x) -> claim.decide(r, x, node(r, x), new ApprovalCommand.Claim(id, none)));
                p.task(out, id, Kind.RELEASE, false, (r, x) -> release.decide(r, x, node(r, x), new ApprovalCommand.Release(id, none)));
            }
            Decision none = Decision.none();
            p.instance(out, Kind.RESUBMIT, false, r -> resubmit.decide(r, new ApprovalCommand.Resubmit(instanceId, none)));
            p.instance(out, Kind.ABANDON, false, r -> abandon.decide(r, new ApprovalCommand.Abandon(instanceId, none)));
            p.instance(out, Kind.WITHDRAW, false, r -> withdraw.decide(r, new ApprovalCommand.Withdraw(instanceId, none)));
            p.instance(out, Kind.CANCEL, false, r -> cancel.decide(r, new ApprovalCommand.Cancel(instanceId, none)));
            p.instance(out, Kind.URGE, false, r -> urge.decide(r, new ApprovalCommand.Urge(instanceId, none)));
            p.instance(out, Kind.COMMENT, false, r -> comment.decide(r, new ApprovalCommand.Comment(instanceId, none)));
            p.instance(out, Kind.JUMP, true, r -> jump.decide(r, new ApprovalCommand.Jump(instanceId, NOBODY, none)));
            p.instance(out, Kind.SUSPEND, false, r -> suspend.decide(r, new ApprovalCommand.Suspend(instanceId, none)));
            p.instance(out, Kind.RESUME, false, r -> resume.decide(r, new ApprovalCommand.Resume(instanceId, none)));
            return List.copyOf(out);
        });
    }

    private static Node.Approval node(InstanceChange r, TaskRow t) {
        return (Node.Approval) r.node(t.nodeId());
    }

    /** The users a remove-signer on {@code t} could name: the others with an open task at its node, and those queued there. */
    private static Set<String> signers(InstanceChange r, TaskRow t) {
        Set<String> users = new LinkedHashSet<>();
        r.open.stream().filter(x -> x.nodeId().equals(t.nodeId()) && x.id() != t.id() && !x.assigneeId().isEmpty())
                .forEach(x -> users.add(x.assigneeId()));
        InstanceState.NodeRun run = r.st.runs.get(t.nodeId());
        if (run != null) {
            users.addAll(run.queue);
        }
        return users;
    }

    /** Probes on one loaded instance: each decides on a fresh copy of it, and what the action changed is thrown away. */
    private final class Probe {
        private final CommandContext ctx;
        private final InstanceChange loaded;

        Probe(CommandContext ctx, InstanceChange loaded) {
            this.ctx = ctx;
            this.loaded = loaded;
        }

        void task(List<ApprovalAction> out, long taskId, Kind kind, boolean argument, BiConsumer<InstanceChange, TaskRow> decide) {
            if (accepts(r -> decide.accept(r, CommandRunner.actionable(r, taskId)), argument)) {
                out.add(ApprovalAction.onTask(kind, taskId));
            }
        }

        void instance(List<ApprovalAction> out, Kind kind, boolean argument, Consumer<InstanceChange> decide) {
            if (accepts(decide, argument)) {
                out.add(ApprovalAction.onInstance(kind));
            }
        }

        /** @param argument whether the probe named {@link #NOBODY}: a validation problem then means "yes, with a fitting one" */
        boolean accepts(Consumer<InstanceChange> decide, boolean argument) {
            try {
                decide.accept(runner.copy(ctx, loaded));
                return true;
            } catch (ValidationException e) {
                return argument;
            } catch (ForbiddenException | ConflictException | NotFoundException e) {
                return false;
            }
        }
    }

    /**
     * A command context for deciding without writing (the action probe, a migration's dry run): reads go to the query's
     * handle; nothing can be published or scheduled.
     */
    record ProbeContext(Handle handle, Actor actor, Instant now, ObjectMapper json) implements CommandContext {
        @Override
        public void target(String type, String id) {
        }

        @Override
        public void summary(String summary) {
        }

        @Override
        public void onBehalfOf(String userId) {
        }

        @Override
        public String publish(String eventType, String aggregateType, String aggregateId, Object payload) {
            throw new IllegalStateException("a probe writes nothing");
        }

        @Override
        public long schedule(JobRequest request) {
            throw new IllegalStateException("a probe writes nothing");
        }

        @Override
        public int cancelJobs(String dedupeKey) {
            throw new IllegalStateException("a probe writes nothing");
        }

        @Override
        public int cancelJobsByKeyPrefix(String keyPrefix) {
            throw new IllegalStateException("a probe writes nothing");
        }

        @Override
        public void afterCommit(Runnable action) {
            throw new IllegalStateException("a probe writes nothing");
        }
    }
}
