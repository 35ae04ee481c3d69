package dev.oakit.core.internal.job;

import dev.oakit.core.OaKit;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.TestDatabase;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The boot the job table's tests share: OAKit with the job workers off (jobs only wait) and handlers of test job types. */
final class JobTypesFixture {
    private JobTypesFixture() {
    }

    /** Starts OAKit on {@code db}, workers off, with a handler that does {@code handle} for each of {@code types}. */
    static OaKit startWorkersOff(TestDatabase db, Consumer<JobContext> handle, String... types) {
        OaPlugin plugin = new JobTypes(List.of(types), handle);
        return db.start(b -> b.plugin(plugin).config("core", Map.of("jobs", Map.of("enabled", false))));
    }

    private record JobTypes(List<String> types, Consumer<JobContext> handle) implements OaPlugin {
        @Override
        public String id() {
            return "test-job-types";
        }

        @Override
        public void configure(OaPluginContext context) {
            for (String type : types) {
                context.jobHandler(new JobHandler() {
                    @Override
                    public String type() {
                        return type;
                    }

                    @Override
                    public void handle(JobContext ctx) {
                        handle.accept(ctx);
                    }
                });
            }
        }
    }
}
