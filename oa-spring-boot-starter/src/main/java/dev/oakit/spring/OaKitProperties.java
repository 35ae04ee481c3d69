package dev.oakit.spring;

import org.apiguardian.api.API;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OAKit's settings under {@code oakit.*}. Each typed key sets one key of OAKit's own {@code core}
 * configuration (named in its description); a key left out keeps OAKit's default. Anything else
 * goes under {@code oakit.config.<namespace>.*} or into {@code oakit.config-file}. Bound by Spring
 * Boot; not thread-safe while binding, read-only afterwards.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@ConfigurationProperties(prefix = "oakit")
public class OaKitProperties {
    /** Whether OAKit is configured at all (default true). */
    private boolean enabled = true;

    /** Whether OAKit starts with the application context (default true); false: the host calls OaKit.start() itself. */
    private boolean autoStartup = true;

    /**
     * Whether OAKit's commands and queries join the Spring-managed transaction running on the calling thread
     * on OAKit's DataSource (default true).
     */
    private boolean joinTransactions = true;

    /** Whether plugins listed in META-INF/services (ServiceLoader) are installed too, besides the OaPlugin beans (default false). */
    private boolean discoverPlugins;

    /** The tenants of this host: created at start unless they exist; commands of other tenants are refused. */
    private List<Tenant> tenants = new ArrayList<>();

    /** Durable job workers of this node (core.jobs). */
    private final Jobs jobs = new Jobs();

    /** The audit log's sealer (core.audit). */
    private final Audit audit = new Audit();

    /** Purging rows that have served their purpose (core.retention). */
    private final Retention retention = new Retention();

    /** OAKit's Micrometer meters, installed when the application has a MeterRegistry bean (Spring Boot Actuator). */
    private final Metrics metrics = new Metrics();

    /** A YAML or JSON file of OAKit configuration whose top-level keys are namespaces (core, plugin ids). */
    private Path configFile;

    /**
     * Configuration by namespace (core or a plugin id), passed to OAKit as it is, e.g.
     * oakit.config.workflow.someKey; the typed oakit.* keys win over the same core keys here.
     */
    private Map<String, Object> config = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public boolean isJoinTransactions() {
        return joinTransactions;
    }

    public void setJoinTransactions(boolean joinTransactions) {
        this.joinTransactions = joinTransactions;
    }

    public boolean isDiscoverPlugins() {
        return discoverPlugins;
    }

    public void setDiscoverPlugins(boolean discoverPlugins) {
        this.discoverPlugins = discoverPlugins;
    }

    public List<Tenant> getTenants() {
        return tenants;
    }

    public void setTenants(List<Tenant> tenants) {
        this.tenants = tenants;
    }

    public Jobs getJobs() {
        return jobs;
    }

    public Audit getAudit() {
        return audit;
    }

    public Retention getRetention() {
        return retention;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Path getConfigFile() {
        return configFile;
    }

    public void setConfigFile(Path configFile) {
        this.configFile = configFile;
    }

    public Map<String, Object> getConfig() {
        return config;
    }

    public void setConfig(Map<String, Object> config) {
        this.config = config;
    }

    /** A tenant of this host. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static class Tenant {
        /** The tenant id the host's actors carry. */
        private String id;

        /** Its display name. */
        private String name;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** core.jobs: the durable job workers of this node. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static class Jobs {
        /** Whether this node runs jobs (core.jobs.enabled, default true); a node without still seals the audit log. */
        private Boolean enabled;

        /** Jobs run at once on this node (core.jobs.threads, 1 to 256, default 4); size the pool for them plus the host's load. */
        private Integer threads;

        /** How often the workers look for due jobs (core.jobs.pollInterval, default 500ms). */
        private Duration pollInterval;

        /** How long a claimed job is held before another node may take it over (core.jobs.lease, default 60s). */
        private Duration lease;

        /** Attempts of an ordinary job before it is parked as dead (core.jobs.maxAttempts, default 10). */
        private Integer maxAttempts;

        /** First retry delay of ordinary jobs (core.jobs.backoffBase, default 2s). */
        private Duration backoffBase;

        /** Longest retry delay of ordinary jobs (core.jobs.backoffMax, default 1h). */
        private Duration backoffMax;

        /** How long stopping waits for running jobs (core.jobs.shutdownTimeout, default 30s). */
        private Duration shutdownTimeout;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Integer getThreads() {
            return threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBackoffBase() {
            return backoffBase;
        }

        public void setBackoffBase(Duration backoffBase) {
            this.backoffBase = backoffBase;
        }

        public Duration getBackoffMax() {
            return backoffMax;
        }

        public void setBackoffMax(Duration backoffMax) {
            this.backoffMax = backoffMax;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** core.audit: the sealer of the hash-chained audit log. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static class Audit {
        /** How often committed entries are sealed into the chain (core.audit.sealInterval, default 1s; 0s: no background sealer). */
        private Duration sealInterval;

        public Duration getSealInterval() {
            return sealInterval;
        }

        public void setSealInterval(Duration sealInterval) {
            this.sealInterval = sealInterval;
        }
    }

    /** core.retention: purging done jobs, delivered events and old request ids. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static class Retention {
        /** Whether this node purges (core.retention.enabled, default true). */
        private Boolean enabled;

        /** How often this node purges (core.retention.interval, default 10m). */
        private Duration interval;

        /** Rows per DELETE (core.retention.batchSize, default 1000). */
        private Integer batchSize;

        /** Jobs done or cancelled that long ago go (core.retention.doneJobs, default 7d). */
        private Duration doneJobs;

        /** Dead jobs that died that long ago go (core.retention.deadJobs, default: they stay until replayed). */
        private Duration deadJobs;

        /** Delivered outbox events that old go (core.retention.deliveredEvents, default 7d). */
        private Duration deliveredEvents;

        /** Request ids and their results that old go (core.retention.requestIds, default 30d). */
        private Duration requestIds;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getDoneJobs() {
            return doneJobs;
        }

        public void setDoneJobs(Duration doneJobs) {
            this.doneJobs = doneJobs;
        }

        public Duration getDeadJobs() {
            return deadJobs;
        }

        public void setDeadJobs(Duration deadJobs) {
            this.deadJobs = deadJobs;
        }

        public Duration getDeliveredEvents() {
            return deliveredEvents;
        }

        public void setDeliveredEvents(Duration deliveredEvents) {
            this.deliveredEvents = deliveredEvents;
        }

        public Duration getRequestIds() {
            return requestIds;
        }

        public void setRequestIds(Duration requestIds) {
            this.requestIds = requestIds;
        }
    }

    /** OAKit's Micrometer meters (MetricsPlugin), installed on the application's MeterRegistry bean. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static class Metrics {
        /** Whether MetricsPlugin is installed on the application's MeterRegistry when there is one (default true). */
        private boolean enabled = true;

        /** How old the database gauges (open tasks, job queue, dead jobs, outbox lag …) may get before a scrape reads them again (default 30s). */
        private Duration gaugeRefresh = Duration.ofSeconds(30);

        /** Whether each command and job attempt is also wrapped in an observation of the ObservationRegistry bean (default false). */
        private boolean observations;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getGaugeRefresh() {
            return gaugeRefresh;
        }

        public void setGaugeRefresh(Duration gaugeRefresh) {
            this.gaugeRefresh = gaugeRefresh;
        }

        public boolean isObservations() {
            return observations;
        }

        public void setObservations(boolean observations) {
            this.observations = observations;
        }
    }
}
