package dev.oakit.workflow.internal;

import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.workflow.internal.engine.Flow;
import jakarta.inject.Inject;

/**
 * Runs the handler of a service node whose handler calls a remote system
 * ({@link dev.oakit.workflow.spi.ServiceTaskHandler#runsInTransaction()} false): the node is read in a
 * short query, the handler runs with no transaction and no pooled connection, and a command of its
 * own moves the instance on, when it still waits at the node.
 */
public final class RemoteServiceJob implements JobHandler {
    private final Commands commands;
    private final ServiceJob nodes;

    @Inject
    private RemoteServiceJob(Commands commands, ServiceJob nodes) {
        this.commands = commands;
        this.nodes = nodes;
    }

    @Override
    public String type() {
        return Flow.REMOTE_SERVICE_JOB;
    }

    @Override
    public boolean runsInTransaction() {
        return false;
    }

    @Override
    public void handle(JobContext job) throws Exception {
        ServiceJob.Pending p = commands.query(h -> {
            try {
                return nodes.pending(h, job);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (p != null) {
            nodes.complete(p, p.handler().execute(p.tenantId(), p.instanceId(), p.form(), p.node().params()));
        }
    }
}
