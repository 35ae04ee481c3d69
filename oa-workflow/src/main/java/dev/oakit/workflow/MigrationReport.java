package dev.oakit.workflow;

import org.apiguardian.api.API;

import java.util.List;

/**
 * What a migration (or its dry run) did to each instance: migrated, or refused with every reason
 * at once. Refused instances are left as they were.
 *
 * @param plan the plan
 * @param dryRun true when nothing was changed ({@link InstanceMigrations#validate}); {@code migrated} then lists the
 *        instances that would migrate
 * @param migrated the instances migrated (or, in a dry run, that would migrate), in id order
 * @param refused the instances refused, with their reasons, in id order
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MigrationReport(MigrationPlan plan, boolean dryRun, List<Long> migrated, List<Refusal> refused) {
    /** Copies the lists. */
    public MigrationReport {
        migrated = List.copyOf(migrated);
        refused = List.copyOf(refused);
    }

    /** @return true when no instance was refused */
    public boolean ok() {
        return refused.isEmpty();
    }

    /**
     * One instance that does not migrate.
     *
     * @param instanceId the instance
     * @param reasons every reason, in the order found; never empty
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Refusal(long instanceId, List<Reason> reasons) {
        /** Copies the list. */
        public Refusal {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Why an instance does not migrate.
     *
     * @param problem the kind of problem
     * @param nodeId the node of the source version it is about, or null for the whole instance
     * @param message what is wrong and what to do, naming the node (and field)
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Reason(Problem problem, String nodeId, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** The kinds of reasons. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Problem {
        /** The instance ended, or runs on another process or version than the plan's source. */
        NOT_MIGRATABLE,
        /** A node the instance waits at (or holds a task of) has no counterpart in the target version. */
        NO_COUNTERPART,
        /** The counterpart is a node of another type (an approval node mapped to a service node). */
        KIND_CHANGED,
        /** The counterpart approval node decides by another mode (会签 vs 或签) or pools differently: the open tasks cannot carry over. */
        MODE_CHANGED,
        /** Parallel or inclusive branches are in flight and the target version's join would not count them. */
        BRANCHES_IN_FLIGHT,
        /** A waiting service node's counterpart has another id or handler: its scheduled job would not find it. */
        SERVICE_CHANGED,
        /** A waiting sub-process node's counterpart has another id or process: the running sub-process would not find it. */
        SUBPROCESS_CHANGED,
        /** A waiting node maps to the node another waiting node, or a node the instance already ran, maps to. */
        MERGED,
        /** A form field the waiting node shows, and the instance holds a value for, is not in the target version's form. */
        FIELD_DROPPED,
        /**
         * The migration of this instance failed with an unexpected error (the message gives its code and text): the
         * instance is unchanged, and the other instances of the run were still migrated or checked.
         */
        FAILED
    }
}
