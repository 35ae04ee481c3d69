package dev.oakit.core.internal.boot;

import com.google.inject.Injector;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.spi.PluginLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The plugins' {@link PluginLifecycle} hooks in dependency order: started one after another, stopped in
 * reverse, only those whose start completed. Not thread-safe: {@link OaKitImpl} calls it under its lock.
 */
final class PluginLifecycles {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycles.class);

    private record Hook(String pluginId, PluginLifecycle lifecycle) {
    }

    private final List<Hook> hooks = new ArrayList<>();
    private final Deque<Hook> started = new ArrayDeque<>();

    /** Creates the hooks (classes through Guice) while OAKit is built, so a hook Guice cannot make fails {@code build()}. */
    PluginLifecycles(BootPlan plan, Injector injector) {
        for (PluginContextImpl c : plan.contexts) {
            for (Object l : c.lifecycles) {
                PluginLifecycle hook;
                if (l instanceof PluginLifecycle instance) {
                    injector.injectMembers(instance);
                    hook = instance;
                } else {
                    hook = (PluginLifecycle) injector.getInstance((Class<?>) l);
                }
                hooks.add(new Hook(c.pluginId, hook));
            }
        }
    }

    /**
     * Runs every {@code onStart}; when one fails, stops those that started (reverse order) and throws.
     *
     * @throws ConfigurationException naming the plugin whose hook failed and its cause
     */
    void start() {
        for (Hook h : hooks) {
            try {
                h.lifecycle.onStart();
            } catch (Exception e) {
                stop();
                throw new ConfigurationException(List.of("plugin '" + h.pluginId + "' failed to start (" + h.lifecycle.getClass().getName()
                        + ".onStart): " + e + "; OAKit did not start (the plugins started before it were stopped); fix the cause and call"
                        + " start() again"), e);
            }
            started.push(h);
        }
    }

    /** Runs {@code onStop} of every started hook, last started first; a failure is logged and the others still stop. */
    void stop() {
        while (!started.isEmpty()) {
            Hook h = started.pop();
            try {
                h.lifecycle.onStop();
            } catch (RuntimeException e) {
                LOG.warn("plugin '{}' failed to stop ({}.onStop); OAKit stops anyway", h.pluginId, h.lifecycle.getClass().getName(), e);
            }
        }
    }
}
