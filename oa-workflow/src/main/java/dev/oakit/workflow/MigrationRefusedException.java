package dev.oakit.workflow;

import dev.oakit.core.ConflictException;
import org.apiguardian.api.API;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An instance cannot migrate as planned ({@link WorkflowErrors#MIGRATION_REFUSED}); the message lists
 * every reason, and {@link #reasons()} gives them one by one. The instance is unchanged.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class MigrationRefusedException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final long instanceId;
    private final transient List<MigrationReport.Reason> reasons;

    /**
     * @param instanceId the instance
     * @param plan the plan
     * @param reasons every reason; at least one
     */
    public MigrationRefusedException(long instanceId, MigrationPlan plan, List<MigrationReport.Reason> reasons) {
        super(WorkflowErrors.MIGRATION_REFUSED, "process instance " + instanceId + " cannot migrate from '" + plan.processKey() + "' v"
                + plan.fromVersion() + " to v" + plan.toVersion() + " (" + reasons.size() + " reason" + (reasons.size() == 1 ? "" : "s")
                + "): " + reasons.stream().map(MigrationReport.Reason::message).collect(Collectors.joining("; ")));
        this.instanceId = instanceId;
        this.reasons = List.copyOf(reasons);
    }

    /** @return the instance */
    public long instanceId() {
        return instanceId;
    }

    /** @return every reason, in the order found */
    public List<MigrationReport.Reason> reasons() {
        return reasons;
    }
}
