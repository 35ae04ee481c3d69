package dev.oakit.testing.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.job.Jobs;
import dev.oakit.testing.OaTestKit;
import dev.oakit.testing.UserActions;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;

/**
 * What the kit the extension boots ({@link TestRuntime}) and the kit over a host's OAKit ({@link HostedKit}) do alike:
 * act in one tenant as its administrator or a user, deploy, and run the due jobs on the kit's clock. The subclass
 * says where the OAKit, the clock and the database come from.
 */
abstract class AbstractTestKit implements OaTestKit {
    private final String tenant;
    private DueJobs dueJobs;

    AbstractTestKit(String tenant) {
        this.tenant = tenant;
    }

    @Override
    public final String tenant() {
        return tenant;
    }

    @Override
    public final Actor admin() {
        return Actor.admin(tenant, TestRuntime.ADMIN);
    }

    @Override
    public final int deploy(ProcessDefinition definition) {
        return oa().service(ProcessDefinitions.class).deploy(admin(), definition).version();
    }

    @Override
    public final UserActions as(String userId) {
        return new Acting(this, Actor.of(tenant, userId));
    }

    @Override
    public final synchronized void runDueJobs() {
        if (dueJobs == null) {
            dueJobs = new DueJobs(oa().service(Jobs.class), admin(), clock());
        }
        dueJobs.run();
    }
}
