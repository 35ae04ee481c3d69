package dev.oakit.core.internal.boot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.spi.OaPlugin;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated boot plan: plugins in dependency order with what each contributed, and the
 * core configuration. Building it does no I/O; every problem is collected and thrown once.
 */
public final class BootPlan {
    private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    public static final String CORE_ID = "core";

    final BootSettings settings;
    final ObjectMapper json;
    final CoreConfig coreConfig;
    final List<OaPlugin> ordered;
    final List<PluginContextImpl> contexts;

    private BootPlan(BootSettings settings, ObjectMapper json, CoreConfig coreConfig, List<OaPlugin> ordered,
                     List<PluginContextImpl> contexts) {
        this.settings = settings;
        this.json = json;
        this.coreConfig = coreConfig;
        this.ordered = ordered;
        this.contexts = contexts;
    }

    /** @return OAKit's shared JSON mapper: java.time support, ISO dates, unknown properties ignored */
    public static ObjectMapper newJsonMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public static BootPlan of(BootSettings settings) {
        List<String> problems = new ArrayList<>(settings.problems());
        problems.addAll(SystemSwitches.problems(SystemSwitches.ALL, System::getProperty));
        ObjectMapper json = newJsonMapper();

        List<OaPlugin> candidates = new ArrayList<>(settings.plugins());
        if (settings.discoverPlugins()) {
            try {
                ServiceLoader.load(OaPlugin.class).forEach(candidates::add);
            } catch (java.util.ServiceConfigurationError e) {
                problems.add("plugin discovery failed: " + e.getMessage());
            }
        }
        Map<String, OaPlugin> byId = new LinkedHashMap<>();
        for (OaPlugin p : candidates) {
            String id;
            try {
                id = p.id();
            } catch (RuntimeException e) {
                problems.add("plugin " + p.getClass().getName() + " failed in id(): " + e);
                continue;
            }
            if (id == null || !PLUGIN_ID.matcher(id).matches() || CORE_ID.equals(id)) {
                problems.add("plugin " + p.getClass().getName() + " has an invalid id '" + id
                        + "'; use lower-case letters, digits and dashes (at most 40), not 'core'");
                continue;
            }
            OaPlugin existing = byId.get(id);
            if (existing == null) {
                byId.put(id, p);
            } else if (existing.getClass() != p.getClass()) {
                problems.add("two plugins have the id '" + id + "': " + existing.getClass().getName() + " and "
                        + p.getClass().getName() + "; plugin ids must be unique");
            }
            // same id and class: installing a plugin twice is a no-op
        }

        Map<String, Set<String>> requires = new LinkedHashMap<>();
        for (Map.Entry<String, OaPlugin> e : byId.entrySet()) {
            Set<String> req;
            try {
                req = e.getValue().requires() == null ? Set.of() : e.getValue().requires();
            } catch (RuntimeException ex) {
                problems.add("plugin '" + e.getKey() + "' failed in requires(): " + ex);
                req = Set.of();
            }
            Set<String> clean = new LinkedHashSet<>();
            for (String r : req) {
                if (CORE_ID.equals(r)) {
                    continue;
                }
                if (!byId.containsKey(r)) {
                    problems.add("plugin '" + e.getKey() + "' requires plugin '" + r
                            + "', which is not installed; register it with .plugin(..)");
                } else {
                    clean.add(r);
                }
            }
            requires.put(e.getKey(), clean);
        }

        List<String> order = new ArrayList<>();
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String id : requires.keySet()) {
            visit(id, requires, done, new ArrayDeque<>(), order, cycles);
        }
        for (List<String> cycle : cycles) {
            problems.add("plugins require each other in a cycle: " + String.join(" -> ", cycle)
                    + "; break the cycle by removing one requirement");
        }
        List<OaPlugin> ordered = order.stream().map(byId::get).toList();

        // one strict reader for the core's configuration and every plugin's: one copy of the mapper, one cache of deserializers
        ObjectMapper strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        CoreConfig coreConfig = readCoreConfig(settings, strict, problems);
        problems.addAll(OptionalLibraries.missing(settings, coreConfig, BootPlan.class.getClassLoader()));

        List<PluginContextImpl> contexts = new ArrayList<>();
        for (OaPlugin p : ordered) {
            PluginContextImpl ctx = new PluginContextImpl(p.id(), settings.config().get(p.id()), strict, problems,
                    p.getClass().getClassLoader());
            try {
                p.configure(ctx);
            } catch (RuntimeException e) {
                problems.add("plugin '" + p.id() + "' failed to configure: " + e);
            }
            ctx.close();
            contexts.add(ctx);
        }

        for (String ns : settings.config().keySet()) {
            if (!CORE_ID.equals(ns) && !byId.containsKey(ns)) {
                problems.add("config namespace '" + ns + "' matches no installed plugin (installed: "
                        + String.join(", ", byId.keySet()) + "); remove it or install the plugin");
            }
        }

        Set<String> handlerTypes = new HashSet<>();
        for (PluginContextImpl c : contexts) {
            for (Object h : c.jobHandlers) {
                if (h instanceof dev.oakit.core.spi.JobHandler jh && !handlerTypes.add(jh.type())) {
                    problems.add("job type '" + jh.type() + "' has two handlers (second from plugin '" + c.pluginId + "')");
                }
            }
        }

        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new BootPlan(settings, json, coreConfig, ordered, contexts);
    }

    /** @param strict the mapper that fails on unknown properties */
    private static CoreConfig readCoreConfig(BootSettings settings, ObjectMapper strict, List<String> problems) {
        CoreConfig config = CoreConfig.defaults();
        if (settings.config().containsKey(CORE_ID)) {
            try {
                config = strict.treeToValue(settings.config().get(CORE_ID), CoreConfig.class);
            } catch (Exception e) {
                problems.add("config 'core' is invalid: " + e.getMessage().lines().findFirst().orElse(""));
                return CoreConfig.defaults();
            }
        }
        problems.addAll(config.jobs().problems());
        problems.addAll(config.audit().problems());
        problems.addAll(config.retention().problems());
        if (config.notifications() != null) {
            problems.addAll(config.notifications().problems());
        }
        for (int i = 0; i < config.calendars().size(); i++) {
            try {
                dev.oakit.core.calendar.BusinessCalendar.fromJson(config.calendars().get(i).toString());
            } catch (dev.oakit.core.ValidationException e) {
                for (dev.oakit.core.ValidationException.Problem p : e.problems()) {
                    problems.add("core.calendars[" + i + "]" + (p.path().isEmpty() ? "" : "." + p.path()) + ": " + p.message());
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.webhooks().size(); i++) {
            CoreConfig.Webhook w = config.webhooks().get(i);
            String at = "core.webhooks[" + i + "]";
            if (w.id() == null || w.id().isBlank()) {
                problems.add(at + ".id is required");
            } else if (!ids.add(w.id())) {
                problems.add(at + ".id '" + w.id() + "' is used twice; webhook ids must be unique");
            }
            try {
                URI u = URI.create(w.url() == null ? "" : w.url());
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                    problems.add(at + ".url must be an http or https URL, was '" + w.safeUrl() + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add(at + ".url is not a URL (check its spelling; it is not shown as it may carry a token)");
            }
            if (w.secret() == null || w.secret().length() < 16) {
                problems.add(at + ".secret must have at least 16 characters (it signs every delivery)");
            }
        }
        return config;
    }

    private static void visit(String id, Map<String, Set<String>> requires, Set<String> done, Deque<String> path,
                              List<String> order, List<List<String>> cycles) {
        if (done.contains(id)) {
            return;
        }
        if (path.contains(id)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (java.util.Iterator<String> it = path.descendingIterator(); it.hasNext(); ) {
                String s = it.next();
                if (s.equals(id)) {
                    in = true;
                }
                if (in) {
                    cycle.add(s);
                }
            }
            cycle.add(id);
            cycles.add(cycle);
            return;
        }
        path.push(id);
        for (String r : requires.getOrDefault(id, Set.of())) {
            visit(r, requires, done, path, order, cycles);
        }
        path.pop();
        if (done.add(id)) {
            order.add(id);
        }
    }

    public List<OaPlugin> ordered() {
        return ordered;
    }

    public BootSettings settings() {
        return settings;
    }
}
