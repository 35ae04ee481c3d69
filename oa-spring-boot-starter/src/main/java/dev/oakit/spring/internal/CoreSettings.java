package dev.oakit.spring.internal;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.spring.OaKitProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The typed {@code oakit.*} keys and the {@code core} keys they set, in one table: it fills the
 * builder and names the {@code oakit.} key in OAKit's problems about a {@code core} key.
 */
public final class CoreSettings {
    private record Key(String property, String coreKey, Function<OaKitProperties, Object> value) {
    }

    private static final List<Key> KEYS = List.of(
            new Key("oakit.jobs.enabled", "core.jobs.enabled", p -> p.getJobs().getEnabled()),
            new Key("oakit.jobs.threads", "core.jobs.threads", p -> p.getJobs().getThreads()),
            new Key("oakit.jobs.poll-interval", "core.jobs.pollInterval", p -> p.getJobs().getPollInterval()),
            new Key("oakit.jobs.lease", "core.jobs.lease", p -> p.getJobs().getLease()),
            new Key("oakit.jobs.max-attempts", "core.jobs.maxAttempts", p -> p.getJobs().getMaxAttempts()),
            new Key("oakit.jobs.backoff-base", "core.jobs.backoffBase", p -> p.getJobs().getBackoffBase()),
            new Key("oakit.jobs.backoff-max", "core.jobs.backoffMax", p -> p.getJobs().getBackoffMax()),
            new Key("oakit.jobs.shutdown-timeout", "core.jobs.shutdownTimeout", p -> p.getJobs().getShutdownTimeout()),
            new Key("oakit.audit.seal-interval", "core.audit.sealInterval", p -> p.getAudit().getSealInterval()),
            new Key("oakit.retention.enabled", "core.retention.enabled", p -> p.getRetention().getEnabled()),
            new Key("oakit.retention.interval", "core.retention.interval", p -> p.getRetention().getInterval()),
            new Key("oakit.retention.batch-size", "core.retention.batchSize", p -> p.getRetention().getBatchSize()),
            new Key("oakit.retention.done-jobs", "core.retention.doneJobs", p -> p.getRetention().getDoneJobs()),
            new Key("oakit.retention.dead-jobs", "core.retention.deadJobs", p -> p.getRetention().getDeadJobs()),
            new Key("oakit.retention.delivered-events", "core.retention.deliveredEvents", p -> p.getRetention().getDeliveredEvents()),
            new Key("oakit.retention.request-ids", "core.retention.requestIds", p -> p.getRetention().getRequestIds()));

    private CoreSettings() {
    }

    /** Applies the properties to the builder: free-form config first, then the typed keys, then tenants. */
    public static void apply(OaKitProperties p, OaKitBuilder b) {
        if (p.getConfigFile() != null) {
            b.configFile(p.getConfigFile());
        }
        p.getConfig().forEach(b::config);
        Map<String, Object> core = new LinkedHashMap<>();
        for (Key k : KEYS) {
            Object v = k.value.apply(p);
            if (v != null) {
                put(core, k.coreKey.substring("core.".length()), v instanceof Duration d ? d.toString() : v);
            }
        }
        if (!core.isEmpty()) {
            b.config("core", core);
        }
        for (int i = 0; i < p.getTenants().size(); i++) {
            OaKitProperties.Tenant t = p.getTenants().get(i);
            b.tenant(t.getId(), t.getName() == null ? t.getId() : t.getName());
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> into, String dotted, Object value) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            into.put(dotted, value);
            return;
        }
        Object child = into.computeIfAbsent(dotted.substring(0, dot), x -> new LinkedHashMap<String, Object>());
        put((Map<String, Object>) child, dotted.substring(dot + 1), value);
    }

    /**
     * @return the same problems, each about a core key that an {@code oakit.*} key sets naming that
     *     key first, so a host finds what to fix in its application properties
     */
    public static ConfigurationException namingProperties(ConfigurationException e) {
        List<String> problems = new ArrayList<>();
        boolean changed = false;
        for (String problem : e.problems()) {
            String named = problem;
            for (Key k : KEYS) {
                if (problem.contains(k.coreKey)) {
                    named = k.property + " (" + k.coreKey + "): " + problem;
                    break;
                }
            }
            changed |= !named.equals(problem);
            problems.add(named);
        }
        return changed ? new ConfigurationException(problems, e) : e;
    }
}
