package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A process instance (流程实例) as seen by one actor: the form shows only the fields that actor may see.
 *
 * @param id instance id
 * @param processKey process key
 * @param processVersion definition version the instance runs on
 * @param title display title
 * @param businessKey host's business id, or null
 * @param initiatorId who started it
 * @param status where it stands
 * @param priority normal or urgent
 * @param form form data visible to the actor
 * @param activeNodes nodes waiting for work (approvals, service tasks, sub-processes)
 * @param startedAt start time
 * @param endedAt end time, or null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProcessInstance(long id, String processKey, int processVersion, String title, String businessKey,
                              String initiatorId, InstanceStatus status, String priority, Map<String, Object> form,
                              List<String> activeNodes, Instant startedAt, Instant endedAt) {
}
