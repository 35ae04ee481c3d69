package dev.oakit.workflow.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.internal.engine.Flow;
import dev.oakit.workflow.internal.runner.CommandRunner;
import dev.oakit.workflow.internal.store.InstanceRepository;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a service node's handler through a durable job; the job's retries and dead state are the
 * node's retries and incident. On success the instance moves on in the job's transaction.
 */
public final class ServiceJob implements JobHandler {
    private final Commands commands;
    private final CommandRunner runner;
    private final DefinitionService definitions;
    private final Map<String, ServiceTaskHandler> handlers;
    private final ObjectMapper json;
    private final InstanceRepository instances;

    @Inject
    private ServiceJob(Commands commands, CommandRunner runner, DefinitionService definitions, Set<ServiceTaskHandler> handlers,
                      ObjectMapper json, InstanceRepository instances) {
        this.instances = instances;
        this.commands = commands;
        this.runner = runner;
        this.definitions = definitions;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(ServiceTaskHandler::id, Function.identity()));
        this.json = json;
    }

    @Override
    public String type() {
        return Flow.SERVICE_JOB;
    }

    @Override
    public void handle(JobContext job) throws Exception {
        Pending p = pending(job.handle(), job);
        if (p != null) {
            complete(p, p.handler().execute(p.tenantId(), p.instanceId(), p.form(), p.node().params()));
        }
    }

    /** A service node waiting for its handler: what the handler needs, read before it runs. */
    record Pending(String tenantId, long instanceId, Node.Service node, ServiceTaskHandler handler, Map<String, Object> form) {
    }

    /** @return the node's work, or null when the instance moved on (cancelled, jumped, returned): the handler must not run any more */
    Pending pending(org.jdbi.v3.core.Handle h, JobContext job) throws Exception {
        long instanceId = job.payload().get("instanceId").asLong();
        String nodeId = job.payload().get("node").asText();
        var row = instances.find(h, job.tenantId(), instanceId, null).orElse(null);
        if (row == null || row.status() != dev.oakit.workflow.InstanceStatus.RUNNING
                || !json.readValue(row.state(), InstanceState.class).active.contains(nodeId)) {
            return null;
        }
        Node.Service node = (Node.Service) definitions.byId(h, row.definitionId()).definition().node(nodeId).orElseThrow();
        ServiceTaskHandler handler = handlers.get(node.handler());
        if (handler == null) {
            throw new IllegalStateException("no service task handler '" + node.handler() + "' is installed; install the plugin that contributes it");
        }
        Map<String, Object> form = json.readValue(row.form(), new TypeReference<LinkedHashMap<String, Object>>() { });
        return new Pending(row.tenantId(), instanceId, node, handler, form);
    }

    /** Moves the instance on with the handler's output; does nothing when it moved on meanwhile. */
    void complete(Pending p, Map<String, Object> output) {
        String nodeId = p.node().id();
        commands.execute(CommandSpec.of(Actor.system(p.tenantId()), "wf.service.complete")
                        .withTarget("process-instance", Long.toString(p.instanceId())), Void.class, ctx -> {
                    runner.serviceDone(ctx, p.instanceId(), nodeId, output == null ? Map.of() : output);
                    ctx.summary("service node '" + nodeId + "' (" + p.node().handler() + ") completed");
                    return null;
                });
    }
}
