package dev.oakit.testing.internal;

import dev.oakit.core.Actor;
import dev.oakit.testing.EngineState;
import dev.oakit.testing.OaTestKit;
import dev.oakit.testing.UserActions;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@link UserActions} on the public Approvals and ApprovalQueries services. */
final class Acting implements UserActions {
    private final OaTestKit kit;
    private final Actor actor;

    Acting(OaTestKit kit, Actor actor) {
        this.kit = kit;
        this.actor = actor;
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public ProcessInstance start(String processKey, Map<String, Object> form) {
        return kit.service(Approvals.class).start(actor, StartRequest.of(processKey, form));
    }

    @Override
    public Task openTask(long instanceId) {
        return openTaskOf(instanceId).orElseThrow(() -> new AssertionError(actor.userId() + " has no open task of instance " + instanceId
                        + "; the engine holds " + EngineState.of(kit, instanceId)));
    }

    @Override
    public UserActions awaitOpenTask(long instanceId, Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (openTaskOf(instanceId).isEmpty()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(actor.userId() + " got no open task of instance " + instanceId + " within " + within
                        + "; the engine holds " + EngineState.of(kit, instanceId));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an open task of " + actor.userId(), e);
            }
        }
        return this;
    }

    private Optional<Task> openTaskOf(long instanceId) {
        return kit.service(ApprovalQueries.class).detail(kit.admin(), instanceId).tasks().stream()
                .filter(t -> t.status() == TaskStatus.OPEN && actor.userId().equals(t.assigneeId())).findFirst();
    }

    @Override
    public UserActions approve(long instanceId, String comment) {
        kit.service(Approvals.class).approve(actor, openTask(instanceId).id(), decision(comment));
        return this;
    }

    @Override
    public UserActions reject(long instanceId, String comment) {
        kit.service(Approvals.class).reject(actor, openTask(instanceId).id(), decision(comment));
        return this;
    }

    private static Decision decision(String comment) {
        return comment == null ? Decision.none() : Decision.comment(comment);
    }
}
