package dev.oakit.erp;

import org.apiguardian.api.API;

import java.time.Instant;

/**
 * The purchase order of a purchase requisition instance.
 *
 * @param instanceId the requisition's process instance
 * @param round 1, then one more for each time the requisition was ordered again after a withdrawal and resubmission
 * @param target the connector it went to
 * @param key the key the order was created with in the ERP
 * @param status where it stands
 * @param number the ERP's order number once {@link RequisitionOrderStatus#ORDERED}, else null
 * @param link the link to the order in the ERP once ordered, else null
 * @param reason why it was cancelled ({@code withdrawn}, {@code cancelled}, {@code rejected}), or null
 * @param lastError the ERP's refusal, or null
 * @param updatedAt when it last changed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RequisitionOrder(long instanceId, int round, String target, String key, RequisitionOrderStatus status, String number,
                               String link, String reason, String lastError, Instant updatedAt) {
}
