package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One cc (抄送) of an instance to one user, as listed in "cc'd to me" (抄送我的).
 *
 * @param id cc id, for {@link ApprovalQueries#markCcRead}
 * @param instanceId the instance
 * @param title instance title
 * @param processKey process key
 * @param nodeId the CC node that informed the user
 * @param fromId who the instance comes from: its initiator
 * @param createdAt when the user was cc'd
 * @param readAt when the user marked it read, or null while unread
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CcItem(long id, long instanceId, String title, String processKey, String nodeId, String fromId,
                     Instant createdAt, Instant readAt) {
    /** @return true once the recipient marked it read */
    public boolean read() {
        return readAt != null;
    }
}
