package dev.oakit.workflow;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Moves running instances to another version of their process (流程实例迁移), for process
 * administrators (role {@code oa-admin}; others get a {@link dev.oakit.core.ForbiddenException}).
 * The plan is checked first: both versions deployed, every node of the mapping present
 * ({@link WorkflowErrors#MIGRATION_PLAN_INVALID}, every problem at once). Then each instance is
 * checked against its own state: every node it waits at needs a counterpart of the same type, an
 * approval node the same mode, branches in flight a join that counts them, and so on
 * ({@link MigrationReport.Problem}). An instance that passes moves in one transaction under its
 * instance lock: its row, its open tasks (they keep their assignees, counters and signed votes),
 * its branches, and the deadlines of its open tasks, planned again in working time from when each
 * task opened when the node's deadline changed. Each migrated instance is audited and its timeline
 * says "migrated". Instances that do not pass are left untouched and reported with their reasons.
 * Thread-safe; commands on one instance are serialised with the migration.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface InstanceMigrations {
    /**
     * Migrates one instance.
     *
     * @throws MigrationRefusedException listing every reason, when the instance cannot migrate (it is unchanged)
     * @throws dev.oakit.core.ValidationException when the plan itself does not hold ({@link WorkflowErrors#MIGRATION_PLAN_INVALID})
     * @throws dev.oakit.core.NotFoundException when the instance does not exist in the admin's tenant
     */
    void migrate(Actor admin, MigrationPlan plan, long instanceId);

    /**
     * Migrates the listed instances, each in its own transaction; refused ones are reported, not thrown.
     *
     * @param instanceIds the instances (an id that does not exist is refused as {@link MigrationReport.Problem#NOT_MIGRATABLE})
     */
    MigrationReport migrate(Actor admin, MigrationPlan plan, List<Long> instanceIds);

    /** Migrates every running, suspended or returned instance of the plan's source version, as {@link #migrate(Actor, MigrationPlan, List)}. */
    MigrationReport migrateAll(Actor admin, MigrationPlan plan);

    /**
     * The dry run of {@link #migrate(Actor, MigrationPlan, List)}: checks every instance (under its instance lock, as a
     * migration), changes nothing, audits nothing.
     */
    MigrationReport validate(Actor admin, MigrationPlan plan, List<Long> instanceIds);

    /** The dry run of {@link #migrateAll}: checks every instance of the source version, changes nothing. */
    MigrationReport validateAll(Actor admin, MigrationPlan plan);
}
