package dev.oakit.workflow;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

/**
 * What an initiator submits to start an instance.
 *
 * @param processKey key of a deployed process (its latest version is used)
 * @param title display title, at most 200 characters; null for "{process name} - {initiator}"
 * @param businessKey the host's id of the business object (an order id), or null
 * @param form form data
 * @param chosenApprovers for nodes whose rule is "chosen by initiator": node id → user ids
 * @param priority {@code normal} (default) or {@code urgent}
 * @param requestId idempotency key, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StartRequest(String processKey, String title, String businessKey, Map<String, Object> form,
                           Map<String, List<String>> chosenApprovers, String priority, String requestId) {
    /** Validates and copies. */
    public StartRequest {
        Checks.id("processKey", processKey);
        Checks.optionalText("title", title, 200);
        Checks.optionalText("businessKey", businessKey, 128);
        form = form == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(form));
        chosenApprovers = chosenApprovers == null ? Map.of() : Map.copyOf(chosenApprovers);
        priority = priority == null ? "normal" : priority;
        if (!priority.equals("normal") && !priority.equals("urgent")) {
            throw dev.oakit.core.ValidationException.of("priority", "must be 'normal' or 'urgent', was '" + priority + "'");
        }
    }

    /** @return a request with form data only */
    public static StartRequest of(String processKey, Map<String, Object> form) {
        return new StartRequest(processKey, null, null, form, null, null, null);
    }

    /** @return a copy with the title */
    public StartRequest withTitle(String t) {
        return new StartRequest(processKey, t, businessKey, form, chosenApprovers, priority, requestId);
    }

    /** @return a copy with the business key */
    public StartRequest withBusinessKey(String k) {
        return new StartRequest(processKey, title, k, form, chosenApprovers, priority, requestId);
    }

    /** @return a copy with approvers chosen for a node */
    public StartRequest choosing(String nodeId, String... userIds) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>(chosenApprovers);
        m.put(nodeId, List.of(userIds));
        return new StartRequest(processKey, title, businessKey, form, m, priority, requestId);
    }

    /** @return a copy with the priority */
    public StartRequest withPriority(String p) {
        return new StartRequest(processKey, title, businessKey, form, chosenApprovers, p, requestId);
    }

    /** @return a copy with the request id */
    public StartRequest withRequestId(String r) {
        return new StartRequest(processKey, title, businessKey, form, chosenApprovers, priority, r);
    }
}
