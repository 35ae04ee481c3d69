package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;

/**
 * The process monitor (流程监控) of one tenant, for administrators: where running instances wait,
 * how many are suspended, and the incidents that need a hand.
 *
 * @param running running instances per process, by process key
 * @param waiting running instances per process and active node (an instance inside parallel
 *        branches counts once at each of its active nodes), by process key then node id
 * @param suspended number of suspended instances
 * @param incidents service nodes whose job failed every attempt and is parked as dead, newest
 *        first (at most {@value #MAX_INCIDENTS}); replay one with
 *        {@code Jobs.replay(admin, incident.jobId())}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Monitor(List<ProcessCount> running, List<NodeCount> waiting, long suspended, List<Incident> incidents) {
    /** Most incidents listed. */
    public static final int MAX_INCIDENTS = 500;

    /** Copies the lists. */
    public Monitor {
        running = List.copyOf(running);
        waiting = List.copyOf(waiting);
        incidents = List.copyOf(incidents);
    }

    /**
     * Running instances of one process.
     *
     * @param processKey process key
     * @param count running instances (all versions)
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record ProcessCount(String processKey, long count) {
    }

    /**
     * Running instances waiting at one node.
     *
     * @param processKey process key
     * @param nodeId node id
     * @param count running instances with the node active
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record NodeCount(String processKey, String nodeId, long count) {
    }

    /**
     * A service node whose job is dead (an incident).
     *
     * @param jobId the dead job, to replay through {@code dev.oakit.core.job.Jobs}
     * @param instanceId the instance
     * @param processKey the instance's process key
     * @param title the instance's title
     * @param nodeId the service node
     * @param lastError the error of the last attempt, or null
     * @param failedAt when the job was parked as dead
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Incident(long jobId, long instanceId, String processKey, String title, String nodeId, String lastError,
                           Instant failedAt) {
    }
}
