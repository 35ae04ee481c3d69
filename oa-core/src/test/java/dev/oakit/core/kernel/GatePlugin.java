package dev.oakit.core.kernel;

import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;

/** A test plugin with one job handler of type {@code test.gate}; each test says what its jobs do. */
abstract class GatePlugin implements OaPlugin, JobHandler {
    @Override
    public String id() {
        return "gate";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.jobHandler(this);
    }

    @Override
    public String type() {
        return "test.gate";
    }
}
