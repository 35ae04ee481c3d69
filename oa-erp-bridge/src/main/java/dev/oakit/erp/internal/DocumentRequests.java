package dev.oakit.erp.internal;

import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.erp.RequisitionOrderStatus;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrites;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.function.IntFunction;

/**
 * What the bridge's service nodes share: request an instance's ERP document as a remote write, its key
 * fixed from the tenant, the instance and the round, in one command that also records the round and
 * schedules the watch. Run again (a retried job, a second node), it finds the round under way and
 * requests nothing.
 */
@Singleton
public final class DocumentRequests {
    private final Commands commands;
    private final RequisitionRepository repo;
    private final RemoteWrites writes;
    private final BridgeTarget target;

    @Inject
    public DocumentRequests(Commands commands, RequisitionRepository repo, RemoteWrites writes, BridgeTarget target) {
        this.commands = commands;
        this.repo = repo;
        this.writes = writes;
        this.target = target;
    }

    /**
     * @param action the audited action, e.g. {@code erp.requisition.order}
     * @param operation the connector's create
     * @param key the key of a round
     * @param payload the document
     */
    public void request(String tenantId, long instanceId, String action, String operation, IntFunction<String> key, Object payload) {
        String connector = target.connector().id();
        commands.execute(new CommandSpec(Requisitions.system(tenantId), action, "process-instance", Long.toString(instanceId), null),
                Void.class, ctx -> {
                    var latest = repo.latest(ctx.handle(), tenantId, instanceId);
                    if (latest.isPresent() && Requisitions.active(latest.get().order().status())) {
                        ctx.summary("instance " + instanceId + " has its " + operation + " under way or done (key '"
                                + latest.get().order().key() + "')");
                        return null;
                    }
                    int round = latest.map(r -> r.order().round() + 1).orElse(1);
                    String k = key.apply(round);
                    writes.request(ctx.actor(), new NewRemoteWrite(connector, operation, k, Requisitions.localId(instanceId), payload));
                    repo.insert(ctx.handle(), tenantId, instanceId, round, connector, operation, k, ctx.now());
                    Requisitions.watch(ctx, instanceId, round, RequisitionOrderStatus.ORDERING);
                    ctx.summary("instance " + instanceId + " requests its " + operation + " in " + target.connector().systemName()
                            + " with key '" + k + "'");
                    return null;
                });
    }
}
