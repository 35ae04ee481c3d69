package dev.oakit.testing.internal;

import dev.oakit.core.OaKit;
import dev.oakit.testing.base.TestClock;
import dev.oakit.workflow.ProcessDefinitions;

import javax.sql.DataSource;

/**
 * The test kit over an OAKit the host built (its builder, its Guice module, its Spring context) on a
 * {@link TestClock}: the same helpers as the kit the extension boots itself. Whoever built the OAKit closes it.
 */
public final class HostedKit extends AbstractTestKit {
    private final OaKit oa;
    private final TestClock clock;
    private final DataSource dataSource;

    public HostedKit(OaKit oa, TestClock clock, String tenant, DataSource dataSource) {
        super(checked(oa, tenant));
        this.oa = oa;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    private static String checked(OaKit oa, String tenant) {
        if (oa == null || tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a hosted test kit needs the host's OaKit and the tenant the test acts in; was oa="
                    + oa + ", tenant=" + tenant);
        }
        return tenant;
    }

    /** Deploys the definitions under a class-path folder (none for null or blank) as the tenant's administrator. */
    public void deployFolder(String folder) {
        var definitions = ClasspathDefinitions.load(folder);
        if (!definitions.isEmpty() && !oa.services().contains(ProcessDefinitions.class)) {
            throw new IllegalStateException("process definitions were found under class-path folder '" + folder
                    + "' but the host's OAKit has no WorkflowPlugin: install it, or set the definitions folder to none");
        }
        definitions.forEach(this::deploy);
    }

    @Override
    public OaKit oa() {
        return oa;
    }

    @Override
    public TestClock clock() {
        if (clock == null) {
            throw new IllegalStateException("this test kit was made over an OAKit on a clock of its own: build OAKit on a TestClock "
                    + "(OaKitBuilder.clock(..)) and pass that clock to OaKitHostExtension.kit(oa, clock, tenant, dataSource)");
        }
        return clock;
    }

    @Override
    public DataSource dataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("the host's DataSource was not given to the test kit: pass it where the kit is made "
                    + "(OaKitHostExtension.kit(oa, clock, tenant, dataSource)), or read it from the host");
        }
        return dataSource;
    }

    @Override
    public String toString() {
        return "OAKit test kit over the host's OAKit, tenant " + tenant() + (clock == null ? ", on its own clock" : ", clock at " + clock.instant());
    }
}
