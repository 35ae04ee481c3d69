package dev.oakit.core.internal.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.EventRelay;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.spi.PluginLifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records what one plugin contributes while it configures; replayed into Guice by {@link CoreModule}. */
public final class PluginContextImpl implements OaPluginContext {
    final String pluginId;
    final List<Module> modules = new ArrayList<>();
    final List<Class<?>> exposed = new ArrayList<>();
    final List<String> migrations = new ArrayList<>();
    final Map<Class<?>, Object> configs = new LinkedHashMap<>();
    final List<Object> jobHandlers = new ArrayList<>();
    final List<Object> listeners = new ArrayList<>();
    final List<EventRelay> relays = new ArrayList<>();
    /** Lifecycle hooks: instances or classes for Guice to create. */
    final List<Object> lifecycles = new ArrayList<>();
    final List<Extension> extensions = new ArrayList<>();
    final List<Extension> replacements = new ArrayList<>();
    private final JsonNode configNode;
    private final ObjectMapper mapper;
    private final List<String> problems;
    /** The plugin's own class loader: a plugin loaded by a child loader sees libraries oa-core's loader does not. */
    private final ClassLoader pluginLoader;
    private boolean open = true;

    /** An extension or replacement: an instance or a class for Guice to create. */
    record Extension(Class<?> point, Object instance, Class<?> implementation) {
    }

    /** @param strict the mapper that reads configuration, failing on unknown properties; shared by every plugin's context */
    PluginContextImpl(String pluginId, JsonNode configNode, ObjectMapper strict, List<String> problems, ClassLoader pluginLoader) {
        this.pluginId = pluginId;
        this.pluginLoader = pluginLoader;
        this.configNode = configNode;
        this.mapper = strict;
        this.problems = problems;
    }

    /** @return the mapper that reads this plugin's configuration */
    ObjectMapper configMapper() {
        return mapper;
    }

    void close() {
        open = false;
    }

    private <T> T check(String what, T value) {
        if (!open) {
            throw new IllegalStateException("plugin '" + pluginId + "' used its context after configure() returned");
        }
        if (value == null) {
            problems.add("plugin '" + pluginId + "' passed null to " + what);
        }
        return value;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public void install(Module module) {
        if (check("install", module) != null) {
            modules.add(module);
        }
    }

    @Override
    public void exposeService(Class<?> type) {
        if (check("exposeService", type) != null) {
            exposed.add(type);
        }
    }

    @Override
    public void migrations(String location) {
        if (check("migrations", location) != null) {
            if (location.isBlank()) {
                problems.add("plugin '" + pluginId + "' named a blank migration location");
            } else {
                migrations.add(location);
            }
        }
    }

    @Override
    public <C> C config(Class<C> type) {
        check("config", type);
        JsonNode node = configNode == null ? mapper.createObjectNode() : configNode;
        C value;
        try {
            value = mapper.treeToValue(node, type);
        } catch (Exception e) {
            problems.add(ConfigProblems.describe(pluginId, type, e));
            try {
                value = mapper.treeToValue(mapper.createObjectNode(), type);
            } catch (Exception e2) {
                return null;
            }
        }
        configs.put(type, value);
        return value;
    }

    @Override
    public void jobHandler(JobHandler handler) {
        if (check("jobHandler", handler) != null) {
            jobHandlers.add(handler);
        }
    }

    @Override
    public void jobHandler(Class<? extends JobHandler> handlerType) {
        if (check("jobHandler", handlerType) != null) {
            jobHandlers.add(handlerType);
        }
    }

    @Override
    public void lifecycle(PluginLifecycle lifecycle) {
        if (check("lifecycle", lifecycle) != null) {
            lifecycles.add(lifecycle);
        }
    }

    @Override
    public void lifecycle(Class<? extends PluginLifecycle> type) {
        if (check("lifecycle", type) != null) {
            lifecycles.add(type);
        }
    }

    @Override
    public void eventListener(EventListener listener) {
        if (check("eventListener", listener) != null) {
            listeners.add(listener);
        }
    }

    @Override
    public void eventListener(Class<? extends EventListener> listenerType) {
        if (check("eventListener", listenerType) != null) {
            listeners.add(listenerType);
        }
    }

    @Override
    public void eventRelay(EventRelay relay) {
        if (check("eventRelay", relay) != null) {
            relays.add(relay);
        }
    }

    @Override
    public <T> void extension(Class<T> point, T extension) {
        if (check("extension", point) != null && check("extension", extension) != null) {
            extensions.add(new Extension(point, extension, null));
        }
    }

    @Override
    public <T> void extension(Class<T> point, Class<? extends T> implementation) {
        if (check("extension", point) != null && check("extension", implementation) != null) {
            extensions.add(new Extension(point, null, implementation));
        }
    }

    @Override
    public <T> void replace(Class<T> type, Class<? extends T> implementation) {
        if (check("replace", type) != null && check("replace", implementation) != null) {
            replacements.add(new Extension(type, null, implementation));
        }
    }

    @Override
    public <T> void replace(Class<T> type, T implementation) {
        if (check("replace", type) != null && check("replace", implementation) != null) {
            replacements.add(new Extension(type, implementation, null));
        }
    }

    @Override
    public boolean requireLibrary(String className, String dependency, String purpose) {
        if (check("requireLibrary", className) == null || check("requireLibrary", dependency) == null) {
            return false;
        }
        if (purpose == null || purpose.isBlank()) {
            problems.add("plugin '" + pluginId + "' passed no purpose to requireLibrary for " + className
                    + ": say what the library is for, e.g. \"Jakarta Mail to read and send e-mail\"");
            return false;
        }
        if (OptionalLibraries.present(pluginLoader, className)) {
            return true;
        }
        problems.add("plugin '" + pluginId + "' needs " + purpose + ", but " + className + " is not on the class path: "
                + "add the dependency " + dependency + " (its version comes with dev.oakit:oa-bom)");
        return false;
    }
}