package dev.oakit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.oakit.core.internal.boot.BootSettings;
import dev.oakit.core.spi.OaPlugin;
import org.apiguardian.api.API;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings both doors share: data source, clock, plugins and configuration. Not thread-safe.
 *
 * @param <B> the concrete builder
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract sealed class OaKitSettings<B extends OaKitSettings<B>> permits OaKitBuilder, OaKitModule.Builder {
    /**
     * Turns records, trees and other values given to {@link #config} into trees; JSON only, so that no YAML parser loads
     * for them. Made on the first such value: maps and lists of texts, booleans and whole numbers become trees without it.
     */
    private static final class ConfigValues {
        static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    }

    /** Reads configuration files: made on the first {@link #configFile}, a host that never reads one never loads YAML. */
    private static final class ConfigFiles {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());
    }

    private DataSource dataSource;
    private Path dataDirectory = Path.of("oakit-data");
    private Clock clock = Clock.systemUTC();
    private final List<OaPlugin> plugins = new ArrayList<>();
    private boolean discoverPlugins;
    private final Map<String, JsonNode> config = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<dev.oakit.core.calendar.BusinessCalendar> calendars = new ArrayList<>();
    private final List<dev.oakit.core.directory.Tenant> tenants = new ArrayList<>();
    private dev.oakit.core.spi.HostTransactions hostTransactions;

    OaKitSettings() {
    }

    abstract B self();

    /**
     * The host's data source (H2, PostgreSQL, MySQL or MariaDB). Without one, OAKit creates an
     * embedded H2 file database under {@link #dataDirectory}. OAKit never closes a host's data source.
     */
    public B dataSource(DataSource dataSource) {
        if (dataSource == null) {
            problems.add("dataSource must not be null; omit the call to use the embedded H2 database");
        }
        this.dataSource = dataSource;
        return self();
    }

    /** Directory of the embedded H2 database when no data source is given; default {@code ./oakit-data}. */
    public B dataDirectory(Path directory) {
        if (directory == null) {
            problems.add("dataDirectory must not be null");
        } else {
            this.dataDirectory = directory;
        }
        return self();
    }

    /** The clock every deadline, job and audit entry uses; default {@link Clock#systemUTC()}. */
    public B clock(Clock clock) {
        if (clock == null) {
            problems.add("clock must not be null");
        } else {
            this.clock = clock;
        }
        return self();
    }

    /** Registers a plugin. Registering the same plugin (same id and class) again is a no-op. */
    public B plugin(OaPlugin plugin) {
        if (plugin == null) {
            problems.add("plugin must not be null");
        } else {
            plugins.add(plugin);
        }
        return self();
    }

    /**
     * Adds a named business calendar, served by the {@link dev.oakit.core.calendar.BusinessCalendars}
     * service (with those from {@code core.calendars} config and from plugins, and the built-in {@code 24x7}).
     */
    public B calendar(dev.oakit.core.calendar.BusinessCalendar calendar) {
        if (calendar == null) {
            problems.add("calendar must not be null");
        } else {
            calendars.add(calendar);
        }
        return self();
    }

    /**
     * Declares a tenant of this host: {@code start()} creates it (as the system, audited) unless it exists. Commands
     * of tenants that were neither declared nor created with {@link dev.oakit.core.directory.Tenants} are refused
     * (unless {@code core.tenants.autoCreate} is on).
     *
     * @param id the tenant id the host's actors carry
     * @param name its display name
     * @since 0.1
     */
    public B tenant(String id, String name) {
        try {
            tenants.add(dev.oakit.core.directory.Tenant.of(id, name));
        } catch (ValidationException e) {
            problems.add("tenant '" + id + "': " + e.getMessage());
        }
        return self();
    }

    /**
     * Lets OAKit's commands and queries join the host's own transactions: whenever
     * {@code hostTransactions} names a transaction running on the calling thread, OAKit works on its
     * connection and leaves commit and rollback to the host (see {@link dev.oakit.core.spi.HostTransactions}).
     * Without it, only {@link OaKit#inHostTransaction} joins a host's transaction.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public B hostTransactions(dev.oakit.core.spi.HostTransactions hostTransactions) {
        if (hostTransactions == null) {
            problems.add("hostTransactions must not be null; omit the call to let OAKit own its transactions");
        } else {
            this.hostTransactions = hostTransactions;
        }
        return self();
    }

    /** Also installs every {@link OaPlugin} found with {@link java.util.ServiceLoader}; off by default. */
    public B discoverPlugins(boolean discover) {
        this.discoverPlugins = discover;
        return self();
    }

    /**
     * Configuration for one namespace ({@code core} or a plugin id): a map, a JSON/YAML tree or a
     * config record. Later calls for the same namespace are merged into earlier ones, object by
     * object; a later value wins for the same key (arrays are replaced, not merged).
     */
    public B config(String namespace, Object value) {
        if (namespace == null || namespace.isBlank()) {
            problems.add("config namespace must not be blank");
            return self();
        }
        if (value == null) {
            problems.add("config '" + namespace + "' must not be null");
            return self();
        }
        try {
            JsonNode plain = plainTree(value);
            config.merge(namespace, plain != null ? plain : ConfigValues.MAPPER.valueToTree(value), OaKitSettings::merge);
        } catch (IllegalArgumentException e) {
            problems.add("config '" + namespace + "' cannot be read: " + e.getMessage());
        }
        return self();
    }

    /** Reads a YAML or JSON file whose top-level keys are namespaces ({@code core}, plugin ids). */
    public B configFile(Path file) {
        if (file == null) {
            problems.add("configFile must not be null");
            return self();
        }
        try {
            JsonNode root = ConfigFiles.MAPPER.readTree(Files.readString(file));
            if (!(root instanceof ObjectNode obj)) {
                problems.add("config file " + file + " must contain an object whose keys are namespaces");
                return self();
            }
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                config.merge(e.getKey(), e.getValue(), OaKitSettings::merge);
            }
        } catch (IOException e) {
            problems.add("config file " + file + " cannot be read: " + e.getMessage());
        }
        return self();
    }

    /**
     * The tree Jackson's {@code valueToTree} makes of a value built of the JDK's maps with text keys, the JDK's lists,
     * texts, booleans, {@code Integer}s, {@code Long}s and nulls inside them, made without a mapper; null for any other
     * value, and for one nested deeper than {@value #PLAIN_DEPTH} (a map that holds itself is the mapper's to report).
     * In a fresh JVM a mapper's first tree costs its serializers' classes on the host's thread.
     */
    static JsonNode plainTree(Object value) {
        return plainTree(value, 0);
    }

    private static final int PLAIN_DEPTH = 64;

    private static JsonNode plainTree(Object value, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (depth > PLAIN_DEPTH) {
            return null;
        } else if (value instanceof String s) {
            return nodes.textNode(s);
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof Integer i) {
            return nodes.numberNode(i);
        } else if (value instanceof Long l) {
            return nodes.numberNode(l);
        } else if (value instanceof Map<?, ?> map && value.getClass().getName().startsWith("java.util.")) {
            ObjectNode object = nodes.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                JsonNode v = e.getValue() == null ? nodes.nullNode() : plainTree(e.getValue(), depth + 1);
                if (!(e.getKey() instanceof String key) || v == null) {
                    return null;
                }
                object.set(key, v);
            }
            return object;
        } else if (value instanceof List<?> list && value.getClass().getName().startsWith("java.util.")) {
            com.fasterxml.jackson.databind.node.ArrayNode array = nodes.arrayNode(list.size());
            for (Object item : list) {
                JsonNode v = item == null ? nodes.nullNode() : plainTree(item, depth + 1);
                if (v == null) {
                    return null;
                }
                array.add(v);
            }
            return array;
        }
        return null;
    }

    /** Deep merge of two config trees: objects merge key by key, anything else is replaced. */
    private static JsonNode merge(JsonNode earlier, JsonNode later) {
        if (earlier instanceof ObjectNode a && later instanceof ObjectNode b) {
            ObjectNode merged = a.deepCopy();
            for (Map.Entry<String, JsonNode> e : b.properties()) {
                merged.set(e.getKey(), merge(merged.get(e.getKey()), e.getValue()));
            }
            return merged;
        }
        return later;
    }

    BootSettings settings() {
        return new BootSettings(dataSource, dataDirectory, clock, List.copyOf(plugins), discoverPlugins,
                Map.copyOf(config), List.copyOf(problems), List.copyOf(calendars), List.copyOf(tenants), hostTransactions);
    }
}
