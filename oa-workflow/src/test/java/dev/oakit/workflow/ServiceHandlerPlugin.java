package dev.oakit.workflow;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.workflow.spi.ServiceTaskHandler;

import java.util.Set;

/** A test plugin that contributes one service task handler. */
public final class ServiceHandlerPlugin implements OaPlugin {
    private final String id;
    private final ServiceTaskHandler handler;

    public ServiceHandlerPlugin(String id, ServiceTaskHandler handler) {
        this.id = id;
        this.handler = handler;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<String> requires() {
        return Set.of("workflow");
    }

    @Override
    public void configure(OaPluginContext context) {
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), ServiceTaskHandler.class).addBinding().toInstance(handler);
            }
        });
    }
}
