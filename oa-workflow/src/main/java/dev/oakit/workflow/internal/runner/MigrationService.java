package dev.oakit.workflow.internal.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.spi.Commands;
import dev.oakit.workflow.InstanceMigrations;
import dev.oakit.workflow.MigrationPlan;
import dev.oakit.workflow.MigrationRefusedException;
import dev.oakit.workflow.MigrationReport;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.DefinitionService;
import dev.oakit.workflow.internal.engine.InstanceChange;
import dev.oakit.workflow.internal.engine.Migration;
import dev.oakit.workflow.internal.store.InstanceRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link InstanceMigrations}: checks the plan once, then each instance in its own command under its
 * instance lock ({@link Migration} decides, the {@link EffectWriter} writes); a dry run loads (taking the
 * same instance lock) and decides the same way in a transaction of its own, and writes nothing.
 */
@Singleton
public final class MigrationService implements InstanceMigrations {
    private final Commands commands;
    private final CommandRunner runner;
    private final DefinitionService definitions;
    private final InstanceRepository instances;
    private final Migration migration;
    private final Clock clock;
    private final ObjectMapper json;

    @Inject
    private MigrationService(Commands commands, CommandRunner runner, DefinitionService definitions, InstanceRepository instances,
                            Migration migration, Clock clock, ObjectMapper json) {
        this.commands = commands;
        this.runner = runner;
        this.definitions = definitions;
        this.instances = instances;
        this.migration = migration;
        this.clock = clock;
        this.json = json;
    }

    /** The plan's two versions, as deployed. */
    private record Versions(DefinitionService.Stored from, DefinitionService.Stored to) {
    }

    @Override
    public void migrate(Actor admin, MigrationPlan plan, long instanceId) {
        Versions v = plan(admin, plan);
        migrateOne(admin, plan, v, instanceId);
    }

    @Override
    public MigrationReport migrate(Actor admin, MigrationPlan plan, List<Long> instanceIds) {
        return listed(admin, plan, instanceIds, false);
    }

    @Override
    public MigrationReport migrateAll(Actor admin, MigrationPlan plan) {
        return all(admin, plan, false);
    }

    @Override
    public MigrationReport validate(Actor admin, MigrationPlan plan, List<Long> instanceIds) {
        return listed(admin, plan, instanceIds, true);
    }

    @Override
    public MigrationReport validateAll(Actor admin, MigrationPlan plan) {
        return all(admin, plan, true);
    }

    /** The listed instances, each once, in id order. */
    private MigrationReport listed(Actor admin, MigrationPlan plan, List<Long> instanceIds, boolean dryRun) {
        Checks.elements("instanceIds", instanceIds);
        return run(admin, plan, plan(admin, plan), instanceIds.stream().distinct().sorted().toList(), dryRun);
    }

    /** Every unended instance of the plan's old version. */
    private MigrationReport all(Actor admin, MigrationPlan plan, boolean dryRun) {
        Versions v = plan(admin, plan);
        return run(admin, plan, v, commands.query(h -> instances.unendedOfVersion(h, admin.tenantId(), plan.processKey(),
                plan.fromVersion())), dryRun);
    }

    private MigrationReport run(Actor admin, MigrationPlan plan, Versions v, List<Long> ids, boolean dryRun) {
        List<Long> migrated = new ArrayList<>();
        List<MigrationReport.Refusal> refused = new ArrayList<>();
        for (long id : ids) {
            try {
                if (dryRun) {
                    dryRun(admin, plan, v, id);
                } else {
                    migrateOne(admin, plan, v, id);
                }
                migrated.add(id);
            } catch (MigrationRefusedException e) {
                refused.add(new MigrationReport.Refusal(id, e.reasons()));
            } catch (NotFoundException e) {
                refused.add(new MigrationReport.Refusal(id, List.of(new MigrationReport.Reason(MigrationReport.Problem.NOT_MIGRATABLE, null,
                        e.getMessage()))));
            } catch (RuntimeException e) {
                // its own transaction rolled back; the instances before it stay migrated, the ones after it still get their turn
                String code = e instanceof OaException oa ? oa.code() : e.getClass().getName();
                refused.add(new MigrationReport.Refusal(id, List.of(new MigrationReport.Reason(MigrationReport.Problem.FAILED, null,
                        code + ": " + e.getMessage()))));
            }
        }
        return new MigrationReport(plan, dryRun, migrated, refused);
    }

    /** One instance, in its own command: locked, checked, moved and written, or refused with nothing written. */
    private void migrateOne(Actor admin, MigrationPlan plan, Versions v, long instanceId) {
        runner.onInstance(admin, "wf.instance.migrate", instanceId, null, r -> decide(r, plan, v));
    }

    /** The dry run: the same load (under the instance lock) and decision in a transaction that writes and audits nothing. */
    private void dryRun(Actor admin, MigrationPlan plan, Versions v, long instanceId) {
        commands.queryInTransaction(h -> {
            ActionProbe.ProbeContext ctx = new ActionProbe.ProbeContext(h, admin, clock.instant(), json);
            InstanceChange r = runner.load(ctx, false, instanceId, () -> CommandRunner.missing(ctx, instanceId));
            return decide(r, plan, v);
        });
    }

    private InstanceChange decide(InstanceChange r, MigrationPlan plan, Versions v) {
        List<MigrationReport.Reason> reasons = Migration.check(r, plan, v.to().definition());
        if (!reasons.isEmpty()) {
            throw new MigrationRefusedException(r.row.id(), plan, reasons);
        }
        return migration.apply(r, plan, v.to());
    }

    /**
     * Checks the actor and the plan: both versions deployed in the actor's tenant, different, and every node of the
     * mapping present on its side.
     *
     * @throws ValidationException listing every problem, with code {@link WorkflowErrors#MIGRATION_PLAN_INVALID}
     */
    private Versions plan(Actor admin, MigrationPlan plan) {
        Checks.notNull("admin", admin);
        Checks.notNull("plan", plan);
        admin.requireAdmin("migrate process instances");
        return commands.query(h -> {
            List<ValidationException.Problem> problems = new ArrayList<>();
            Optional<DefinitionService.Stored> from = definitions.version(h, admin.tenantId(), plan.processKey(), plan.fromVersion());
            Optional<DefinitionService.Stored> to = definitions.version(h, admin.tenantId(), plan.processKey(), plan.toVersion());
            String key = "process '" + plan.processKey() + "'";
            if (from.isEmpty()) {
                problems.add(new ValidationException.Problem("fromVersion", key + " has no version " + plan.fromVersion()
                        + " in tenant '" + admin.tenantId() + "'; see deployments() for the versions deployed"));
            }
            if (to.isEmpty()) {
                problems.add(new ValidationException.Problem("toVersion", key + " has no version " + plan.toVersion()
                        + " in tenant '" + admin.tenantId() + "'; deploy the new version first (deployments() lists them)"));
            }
            if (plan.fromVersion() == plan.toVersion()) {
                problems.add(new ValidationException.Problem("toVersion", "is the version the instances run on (v" + plan.fromVersion()
                        + "); name another version"));
            }
            plan.mapping().forEach((a, b) -> {
                if (from.isPresent() && from.get().definition().node(a).isEmpty()) {
                    problems.add(new ValidationException.Problem("mapping." + a, key + " v" + plan.fromVersion() + " has no node '" + a
                            + "'; map nodes of " + nodes(from.get().definition())));
                }
                if (to.isPresent() && to.get().definition().node(b).isEmpty()) {
                    problems.add(new ValidationException.Problem("mapping." + a, key + " v" + plan.toVersion() + " has no node '" + b
                            + "'; map to one of " + nodes(to.get().definition())));
                }
            });
            if (!problems.isEmpty()) {
                throw new ValidationException(WorkflowErrors.MIGRATION_PLAN_INVALID, "migration plan of " + key, problems);
            }
            return new Versions(from.orElseThrow(), to.orElseThrow());
        });
    }

    private static List<String> nodes(ProcessDefinition d) {
        return d.nodes().stream().map(Node::id).toList();
    }
}
