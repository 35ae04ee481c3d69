package dev.oakit.workflow.spi;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

/**
 * Resolves approvers for {@link dev.oakit.workflow.ApproverRule.Custom} rules. Contributed by a
 * plugin with {@code context.extension(ApproverResolver.class, resolver)}. Must be thread-safe
 * and must not write to the database.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ApproverResolver {
    /** @return the id that rules name in {@code resolver} */
    String id();

    /**
     * @param tenantId the instance's tenant
     * @param initiatorId the initiator
     * @param form the instance's form data
     * @param params the rule's parameters (may be null)
     * @return user ids, in order; empty when nobody fits
     */
    List<String> resolve(String tenantId, String initiatorId, Map<String, Object> form, JsonNode params);
}
