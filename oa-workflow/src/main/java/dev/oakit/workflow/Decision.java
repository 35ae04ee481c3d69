package dev.oakit.workflow;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

/**
 * What accompanies an action: a comment (审批意见), attachment references, form changes (for
 * fields the node makes editable) and an optional request id that makes the action idempotent.
 *
 * @param comment comment, at most 2,000 characters, or null
 * @param attachments attachment references, or empty
 * @param form form changes, or empty
 * @param requestId idempotency key, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Decision(String comment, List<String> attachments, Map<String, Object> form, String requestId) {
    /** Validates and copies. */
    public Decision {
        Checks.optionalText("comment", comment, 2000);
        attachments = attachments == null ? List.of() : List.copyOf(Checks.elements("attachments", attachments));
        form = form == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(form));
        if (requestId != null) {
            Checks.text("requestId", requestId, 128);
        }
    }

    /** @return nothing but a comment (null for none) */
    public static Decision comment(String comment) {
        return new Decision(comment, null, null, null);
    }

    /** @return an empty decision */
    public static Decision none() {
        return new Decision(null, null, null, null);
    }

    /** @return a copy with form changes */
    public Decision withForm(Map<String, Object> changes) {
        return new Decision(comment, attachments, changes, requestId);
    }

    /** @return a copy with attachments */
    public Decision withAttachments(String... refs) {
        return new Decision(comment, List.of(refs), form, requestId);
    }

    /** @return a copy with the request id */
    public Decision withRequestId(String id) {
        return new Decision(comment, attachments, form, id);
    }
}
