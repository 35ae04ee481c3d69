package dev.oakit.workflow.internal.runner;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.workflow.internal.engine.InstanceReads;
import dev.oakit.workflow.internal.proxy.Proxies;
import dev.oakit.workflow.internal.store.Rows;
import dev.oakit.workflow.internal.store.TaskRepository;

import java.util.List;
import java.util.function.Function;

/** {@link InstanceReads} in a command's transaction: the proxy rules (cached per tenant) and the task repository. */
final class StoreReads implements InstanceReads {
    private final CommandContext ctx;
    private final Proxies proxies;
    private final TaskRepository tasks;

    StoreReads(CommandContext ctx, Proxies proxies, TaskRepository tasks) {
        this.ctx = ctx;
        this.proxies = proxies;
        this.tasks = tasks;
    }

    @Override
    public Proxies.Assignment assign(String processKey, String userId, Function<String, String> refusal) {
        return proxies.assign(ctx, processKey, userId, refusal);
    }

    @Override
    public List<String> approversOfRound(long instanceId, String nodeId, int round) {
        return tasks.approversOfRound(ctx.handle(), instanceId, nodeId, round);
    }

    @Override
    public List<String> seatsOfRound(long instanceId, String nodeId, int round) {
        return tasks.seatsOfRound(ctx.handle(), instanceId, nodeId, round);
    }

    @Override
    public int decidedAt(long instanceId, List<String> nodeIds) {
        return tasks.decidedAt(ctx.handle(), instanceId, nodeIds);
    }

    @Override
    public int decidedBeforeRound(long instanceId, String nodeId, int round) {
        return tasks.decidedBeforeRound(ctx.handle(), instanceId, nodeId, round);
    }

    @Override
    public int decidedAfterApproval(long instanceId, String nodeId, String userId) {
        return tasks.decidedAfterApproval(ctx.handle(), instanceId, nodeId, userId);
    }

    @Override
    public List<Rows.TaskRow> closedByDecision(long instanceId, String nodeId, int round) {
        return tasks.closedByDecision(ctx.handle(), instanceId, nodeId, round);
    }

    @Override
    public List<String> candidates(long taskId) {
        return tasks.candidates(ctx.handle(), taskId);
    }

    @Override
    public boolean participates(long instanceId, String userId) {
        return tasks.participates(ctx.handle(), ctx.tenantId(), instanceId, userId);
    }
}
