package dev.oakit.crm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.crm.DealApproval;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;

/** The deal approvals' policy node: records the definition's {@code onChanged} on the instance's round, in the job's transaction. */
@Singleton
public final class DealPolicyNode implements ServiceTaskHandler {
    private final Commands commands;
    private final DealRepository repo;

    @Inject
    public DealPolicyNode(Commands commands, DealRepository repo) {
        this.commands = commands;
        this.repo = repo;
    }

    @Override
    public String id() {
        return DealApproval.POLICY_HANDLER;
    }

    @Override
    public Map<String, Object> execute(String tenantId, long instanceId, Map<String, Object> form, JsonNode params) {
        String text = params == null ? "REEVALUATE" : params.path("onChanged").asText("REEVALUATE");
        DealApproval.OnChanged policy;
        try {
            policy = DealApproval.OnChanged.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("onChanged", "node '" + DealApproval.POLICY_NODE + "' has onChanged '" + text
                    + "'; use REEVALUATE or FLAG");
        }
        commands.execute(new CommandSpec(Actor.system(tenantId), "crm.deal.policy", "process-instance", Long.toString(instanceId), null),
                Void.class, ctx -> {
                    repo.policy(ctx.handle(), tenantId, instanceId, policy);
                    ctx.summary("deal approval " + instanceId + ": a record changed in the CRM is " + (policy == DealApproval.OnChanged.FLAG
                            ? "flagged" : "re-evaluated"));
                    return null;
                });
        return Map.of();
    }
}
