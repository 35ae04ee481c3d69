package dev.oakit.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apiguardian.api.API;

import java.time.Duration;
import java.util.List;

/**
 * Configuration of the kernel, read from the {@code core} namespace of the host's configuration
 * (or given in Java with {@code builder.config("core", new CoreConfig(..))}). Every component may
 * be null for its default.
 *
 * @param jobs durable job workers
 * @param webhooks outbound webhook relays for domain events
 * @param notifications notification channels, templates and defaults ({@link NotificationsConfig})
 * @param calendars business calendars in the JSON format of {@link dev.oakit.core.calendar.BusinessCalendar#fromJson(String)},
 *     served by the {@link dev.oakit.core.calendar.BusinessCalendars} service together with those
 *     given in Java and by plugins
 * @param directoryCache how long OAKit's own directory provider reuses its answers, and notifications the recipients'
 *     preferences ({@link DirectoryCache})
 * @param audit sealing of the audit log: how often, and with which HMAC keys ({@link Audit})
 * @param retention how long finished jobs, delivered events and request ids are kept ({@link Retention})
 * @param tenants whether a command may create its unknown tenant, and how long a tenant's state is reused
 *     ({@link TenantRules}; since 0.2)
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
@JsonIgnoreProperties(ignoreUnknown = false)
public record CoreConfig(Jobs jobs, List<Webhook> webhooks, NotificationsConfig notifications,
                         List<com.fasterxml.jackson.databind.JsonNode> calendars, DirectoryCache directoryCache, Audit audit,
                         Retention retention, TenantRules tenants) {
    /** Fills defaults. */
    public CoreConfig {
        audit = audit == null ? Audit.defaults() : audit;
        retention = retention == null ? Retention.defaults() : retention;
        tenants = tenants == null ? TenantRules.defaults() : tenants;
        directoryCache = directoryCache == null ? DirectoryCache.defaults() : directoryCache;
        calendars = calendars == null ? List.of() : List.copyOf(calendars);
        jobs = jobs == null ? Jobs.defaults() : jobs;
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        notifications = notifications == null ? NotificationsConfig.defaults() : notifications;
    }

    /** Without audit and retention settings (the constructor before them). */
    public CoreConfig(Jobs jobs, List<Webhook> webhooks, NotificationsConfig notifications,
                      List<com.fasterxml.jackson.databind.JsonNode> calendars, DirectoryCache directoryCache) {
        this(jobs, webhooks, notifications, calendars, directoryCache, null, null, null);
    }

    /** Without a directory cache setting (the constructor before it). */
    public CoreConfig(Jobs jobs, List<Webhook> webhooks, NotificationsConfig notifications,
                      List<com.fasterxml.jackson.databind.JsonNode> calendars) {
        this(jobs, webhooks, notifications, calendars, null, null, null, null);
    }

    /** Jobs and webhooks with default notifications (the constructor of 0.1 before notifications). */
    public CoreConfig(Jobs jobs, List<Webhook> webhooks) {
        this(jobs, webhooks, null, null);
    }

    /** Without calendars in config. */
    public CoreConfig(Jobs jobs, List<Webhook> webhooks, NotificationsConfig notifications) {
        this(jobs, webhooks, notifications, null);
    }

    /** @return the defaults */
    public static CoreConfig defaults() {
        return new CoreConfig(null, null, null, null, null, null, null, null);
    }

    /** Without tenant rules (the constructor before them). */
    public CoreConfig(Jobs jobs, List<Webhook> webhooks, NotificationsConfig notifications,
                      List<com.fasterxml.jackson.databind.JsonNode> calendars, DirectoryCache directoryCache, Audit audit,
                      Retention retention) {
        this(jobs, webhooks, notifications, calendars, directoryCache, audit, retention, null);
    }

    /**
     * Tenants are explicit: a command of a tenant that was never created ({@code Tenants.create}, or declared with
     * {@code builder.tenant(..)}) or that was deactivated is refused. A host that wants the old way, where the first
     * command of a tenant creates it, turns {@code autoCreate} on (tests and demos do; a production host should not,
     * since a misspelt tenant id then becomes a new, empty tenant).
     *
     * @param autoCreate whether a command of an unknown tenant creates it (default false); a deactivated tenant is
     *     refused either way
     * @param cacheTtl how long a node reuses "this tenant is active" (default 30 s; zero asks the database on every
     *     command); a deactivation on this node takes effect at once, one on another node within this time
     * @param requireKnownUsers whether a command's actor must be a user of the tenant's directory (default true): one
     *     that is not is refused with {@code OA-CORE/UNKNOWN_ACTOR} before the command runs; administrators, operators
     *     and the system act without a directory entry. A node reuses "this user is known" for {@code cacheTtl}
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record TenantRules(Boolean autoCreate, Duration cacheTtl, Boolean requireKnownUsers) {
        /** Fills defaults and checks the values. */
        public TenantRules {
            autoCreate = autoCreate == null ? Boolean.FALSE : autoCreate;
            requireKnownUsers = requireKnownUsers == null ? Boolean.TRUE : requireKnownUsers;
            cacheTtl = cacheTtl == null ? Duration.ofSeconds(30) : cacheTtl;
            if (cacheTtl.isNegative()) {
                throw new IllegalArgumentException("core.tenants.cacheTtl must not be negative (PT0S turns the cache off), was " + cacheTtl);
            }
        }

        /** Without {@code requireKnownUsers} (the constructor before it): users must be known. */
        public TenantRules(Boolean autoCreate, Duration cacheTtl) {
            this(autoCreate, cacheTtl, null);
        }

        /** @return the defaults: no automatic creation, 30 s, users must be known */
        public static TenantRules defaults() {
            return new TenantRules(null, null, null);
        }
    }

    /**
     * The answers of OAKit's own directory provider (users, managers, department heads, role
     * members), which approval routing and ticket dispatch ask on every step, are reused for a
     * short while; so are the notification preferences of recipients (forgotten by this node when
     * a preference is set on it). A directory command of this JVM forgets them all as it begins and ends, so this
     * node never sees an older directory than its own writes; changes written by another node (or
     * straight into the tables) are seen at the latest after {@code ttl}. A host that replaced the
     * {@link dev.oakit.core.spi.DirectoryProvider} caches (or not) in its own provider.
     *
     * @param ttl how long an answer is reused (default 30 s; zero turns the cache off)
     * @param maxEntries answers kept at most; the cache starts over when full (default 10,000)
     */
    public record DirectoryCache(Duration ttl, Integer maxEntries) {
        /** Fills defaults and checks the values. */
        public DirectoryCache {
            ttl = ttl == null ? Duration.ofSeconds(30) : ttl;
            maxEntries = maxEntries == null ? 10_000 : maxEntries;
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("core.directoryCache.ttl must not be negative (PT0S turns the cache off), was " + ttl);
            }
            if (maxEntries < 1) {
                throw new IllegalArgumentException("core.directoryCache.maxEntries must be at least 1, was " + maxEntries);
            }
        }

        /** @return the defaults: 30 s, 10,000 answers */
        public static DirectoryCache defaults() {
            return new DirectoryCache(null, null);
        }

        /** @return no caching: every read goes to the database */
        public static DirectoryCache off() {
            return new DirectoryCache(Duration.ZERO, null);
        }
    }

    /**
     * Sealing of the audit log (see {@code docs/kernel.md}, "Audit log"). Commands insert their
     * audit entry unsealed; a sealer chains the entries of each tenant shortly after commit, on
     * every node, whether or not it runs job workers.
     *
     * @param sealInterval how often this node's sealer runs (default 1 s); {@code PT0S} turns the
     *     background sealer off (entries are then sealed only when the log is read or verified —
     *     for tests that count statements, not for production)
     * @param keys HMAC keys for the chain, newest first: the first seals new entries, the others
     *     only verify the entries sealed with them (keep an old key listed after a rotation). Empty
     *     (the default): entries are chained with plain SHA-256, which anyone with write access to
     *     the database can recompute. Give every node the same keys.
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Audit(Duration sealInterval, List<Key> keys) {
        private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

        /** Fills defaults. */
        public Audit {
            sealInterval = sealInterval == null ? Duration.ofSeconds(1) : sealInterval;
            keys = keys == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
        }

        /** @return the defaults: sealed every second, plain SHA-256 */
        public static Audit defaults() {
            return new Audit(null, null);
        }

        /** @return problems with these values, each naming its field; never a secret */
        public List<String> problems() {
            List<String> p = new java.util.ArrayList<>();
            if (sealInterval.isNegative()) {
                p.add("core.audit.sealInterval must not be negative (PT0S turns the background sealer off), was " + sealInterval);
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                Key k = keys.get(i);
                String at = "core.audit.keys[" + i + "]";
                if (k == null) {
                    p.add(at + " must not be null");
                    continue;
                }
                if (k.id() == null || !KEY_ID.matcher(k.id()).matches()) {
                    p.add(at + ".id must be 1 to 64 letters, digits, '.', '_' or '-' (it is stored with every entry it seals)");
                } else if (!ids.add(k.id())) {
                    p.add(at + ".id '" + k.id() + "' is used twice; key ids must be unique");
                }
                if (k.secret() == null || k.secret().length() < 32) {
                    p.add(at + ".secret must have at least 32 characters (it keys the HMAC-SHA256 of the audit chain)");
                }
            }
            return p;
        }

        /**
         * An HMAC key of the audit chain.
         *
         * @param id stored with every entry the key seals; never change it for the same secret
         * @param secret at least 32 characters, from the host's secret store; never logged or shown
         */
        public record Key(String id, String secret) {
            @Override
            public String toString() {
                return "Key[id=" + id + ", secret=***]";
            }
        }
    }

    /**
     * Durable job workers.
     *
     * @param enabled whether this node runs workers (default true); a node without workers still schedules jobs
     * @param threads jobs run at once on this node (default 4)
     * @param pollInterval how often to look for due jobs (default 500 ms)
     * @param lease how long a claim lasts before another node may take the job over (default 60 s; renewed while running)
     * @param maxAttempts attempts before an ordinary job is parked as dead (default 10)
     * @param backoffBase first retry delay of ordinary jobs, doubled per attempt with ±25% jitter (default 2 s)
     * @param backoffMax cap of the retry delay of ordinary jobs (default 1 h)
     * @param shutdownTimeout how long {@code close()} waits for running jobs (default 30 s)
     * @param retry per job type, values that override the type's retry policy (the one its handler
     *     declares, else the ordinary one above); deliveries (webhooks, event listeners,
     *     notifications) default to {@link dev.oakit.core.job.RetryPolicy#deliveries()}
     * @param deadJobsDownThreshold dead jobs above which {@link dev.oakit.core.ops.HealthCheck} reports DOWN (default 100; any dead job is WARN)
     */
    public record Jobs(Boolean enabled, Integer threads, Duration pollInterval, Duration lease, Integer maxAttempts,
                       Duration backoffBase, Duration backoffMax, Duration shutdownTimeout,
                       java.util.Map<String, Retry> retry, Integer deadJobsDownThreshold) {
        /** Without the health threshold (the constructor before it). */
        public Jobs(Boolean enabled, Integer threads, Duration pollInterval, Duration lease, Integer maxAttempts,
                    Duration backoffBase, Duration backoffMax, Duration shutdownTimeout, java.util.Map<String, Retry> retry) {
            this(enabled, threads, pollInterval, lease, maxAttempts, backoffBase, backoffMax, shutdownTimeout, retry, null);
        }

        /** Without per-type retry settings (the constructor before them). */
        public Jobs(Boolean enabled, Integer threads, Duration pollInterval, Duration lease, Integer maxAttempts,
                    Duration backoffBase, Duration backoffMax, Duration shutdownTimeout) {
            this(enabled, threads, pollInterval, lease, maxAttempts, backoffBase, backoffMax, shutdownTimeout, null);
        }

        /** Fills defaults. */
        public Jobs {
            retry = retry == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(retry));
            enabled = enabled == null ? Boolean.TRUE : enabled;
            threads = threads == null ? 4 : threads;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            lease = lease == null ? Duration.ofSeconds(60) : lease;
            maxAttempts = maxAttempts == null ? 10 : maxAttempts;
            backoffBase = backoffBase == null ? Duration.ofSeconds(2) : backoffBase;
            backoffMax = backoffMax == null ? Duration.ofHours(1) : backoffMax;
            shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(30) : shutdownTimeout;
            deadJobsDownThreshold = deadJobsDownThreshold == null ? 100 : deadJobsDownThreshold;
        }

        /** @return the defaults */
        public static Jobs defaults() {
            return new Jobs(null, null, null, null, null, null, null, null, null, null);
        }

        /** @return problems with these values, each naming its field */
        public List<String> problems() {
            List<String> p = new java.util.ArrayList<>();
            if (deadJobsDownThreshold < 0) {
                p.add("core.jobs.deadJobsDownThreshold must be >= 0, was " + deadJobsDownThreshold);
            }
            if (threads < 1 || threads > 256) {
                p.add("core.jobs.threads must be between 1 and 256, was " + threads);
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                p.add("core.jobs.pollInterval must be positive, was " + pollInterval);
            }
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
                p.add("core.jobs.lease must be at least 1 second, was " + lease);
            }
            if (maxAttempts < 1 || maxAttempts > 1000) {
                p.add("core.jobs.maxAttempts must be between 1 and 1000, was " + maxAttempts);
            }
            if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
                p.add("core.jobs.backoffBase must be >= 0 and <= core.jobs.backoffMax");
            }
            retry.forEach((type, r) -> {
                if (r == null) {
                    p.add(Retry.path(type, "") + " is empty; give the values to override, or remove it");
                }
            });
            return p;
        }
    }

    /**
     * Values that override single parts of a job type's retry policy
     * ({@link dev.oakit.core.job.RetryPolicy}); absent values keep the type's own. For example
     * {@code core.jobs.retry."core.event.relay".budget: P7D} lets webhook deliveries retry for a week.
     *
     * @param initialInterval wait before the first retry
     * @param multiplier growth of the wait per retry (1 to 100)
     * @param maxInterval the longest wait between two attempts
     * @param jitter random spread of each wait, a fraction from 0 to below 1
     * @param maxAttempts attempts in all (1 to 1000)
     * @param budget time from the first attempt after which no retry starts
     */
    public record Retry(Duration initialInterval, Double multiplier, Duration maxInterval, Double jitter,
                        Integer maxAttempts, Duration budget) {
        /** @return the setting's path for messages, e.g. {@code core.jobs.retry."core.event.relay".budget} */
        public static String path(String type, String field) {
            return "core.jobs.retry.\"" + type + "\"" + (field.isEmpty() ? "" : "." + field);
        }
    }

    /**
     * How long OAKit keeps rows that have served their purpose. Every node with workers purges
     * them every {@code interval}, in batches of at most {@code batchSize} rows per statement.
     *
     * @param enabled whether this node purges (default true)
     * @param doneJobs how long jobs that are done or cancelled are kept (default 7 days)
     * @param deadJobs how long dead jobs are kept; null (the default) keeps them until they are replayed
     * @param deliveredEvents how long outbox events are kept once every delivery of them is done (default 7 days);
     *     events with a pending or dead delivery stay
     * @param requestIds how long request ids (and the results they repeat) are kept (default 30 days); a request
     *     repeated after that runs again
     * @param interval how often a node purges (default 10 minutes)
     * @param batchSize rows deleted per statement (default 1000)
     */
    public record Retention(Boolean enabled, Duration doneJobs, Duration deadJobs, Duration deliveredEvents,
                            Duration requestIds, Duration interval, Integer batchSize) {
        /** Fills defaults. */
        public Retention {
            enabled = enabled == null ? Boolean.TRUE : enabled;
            doneJobs = doneJobs == null ? Duration.ofDays(7) : doneJobs;
            deliveredEvents = deliveredEvents == null ? Duration.ofDays(7) : deliveredEvents;
            requestIds = requestIds == null ? Duration.ofDays(30) : requestIds;
            interval = interval == null ? Duration.ofMinutes(10) : interval;
            batchSize = batchSize == null ? 1000 : batchSize;
        }

        /** @return the defaults */
        public static Retention defaults() {
            return new Retention(null, null, null, null, null, null, null);
        }

        /** @return problems with these values, each naming its setting */
        public List<String> problems() {
            List<String> p = new java.util.ArrayList<>();
            positive(p, "doneJobs", doneJobs);
            if (deadJobs != null) {
                positive(p, "deadJobs", deadJobs);
            }
            positive(p, "deliveredEvents", deliveredEvents);
            positive(p, "requestIds", requestIds);
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                p.add("core.retention.interval must be at least 1 second, was " + interval);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                p.add("core.retention.batchSize must be between 1 and 10000, was " + batchSize);
            }
            return p;
        }

        private static void positive(List<String> p, String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                p.add("core.retention." + name + " must be positive, was " + d);
            }
        }
    }

    /**
     * An outbound webhook for domain events: HTTP POST of a JSON body, signed with HMAC-SHA256.
     *
     * @param id relay id, unique; part of every delivery id
     * @param url http or https URL (shown only as scheme, host and port: it may carry tokens)
     * @param secret shared secret for the signature (never logged)
     * @param events event types to deliver; empty or null for all; a trailing {@code *} matches a prefix
     * @param timeout deadline of the whole call: connect, send and the complete answer (at most 64 KiB) (default 10 s)
     */
    public record Webhook(String id, String url, String secret, List<String> events, Duration timeout) {
        /** Fills defaults. */
        public Webhook {
            events = events == null ? List.of() : List.copyOf(events);
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        /** @return scheme, host and port only ({@code https://host/***}), safe to log: path, query and user info may carry tokens */
        public String safeUrl() {
            return SafeUrls.redact(url);
        }

        @Override
        public String toString() {
            return "Webhook[id=" + id + ", url=" + safeUrl() + ", secret=***, events=" + events + ", timeout=" + timeout + "]";
        }
    }
}
