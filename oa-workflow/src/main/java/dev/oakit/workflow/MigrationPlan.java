package dev.oakit.workflow;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How running instances of one version of a process move to another version of it (流程实例迁移):
 * the versions and the mapping of node ids. A node of the source version maps to the node named in
 * {@link #map explicit pairs}; any other node maps to the node with the same id in the target
 * version, when there is one. Instances waiting at a node without a counterpart are refused (see
 * {@link InstanceMigrations}). Immutable; {@link #map} returns a copy.
 *
 * <pre>{@code
 * MigrationPlan plan = MigrationPlan.of("leave", 1, 2).map("boss", "manager");
 * }</pre>
 *
 * @param processKey the process
 * @param fromVersion the version the instances run on
 * @param toVersion the version they move to
 * @param mapping explicit pairs: source node id to target node id (empty: same ids map to themselves)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MigrationPlan(String processKey, int fromVersion, int toVersion, Map<String, String> mapping) {
    /** Checks the arguments and copies the mapping (keeping its order). */
    public MigrationPlan {
        Checks.id("processKey", processKey);
        mapping = mapping == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        mapping.forEach((from, to) -> {
            Checks.id("mapping", from);
            Checks.id("mapping." + from, to);
        });
    }

    /** @return a plan where every node maps to the node with the same id in {@code toVersion} */
    public static MigrationPlan of(String processKey, int fromVersion, int toVersion) {
        return new MigrationPlan(processKey, fromVersion, toVersion, Map.of());
    }

    /**
     * @param sourceNodeId a node of {@code fromVersion}
     * @param targetNodeId the node of {@code toVersion} its instances move to
     * @return a copy of this plan with the pair added (replacing an earlier pair of the same source node)
     */
    public MigrationPlan map(String sourceNodeId, String targetNodeId) {
        Map<String, String> m = new LinkedHashMap<>(mapping);
        m.put(sourceNodeId, targetNodeId);
        return new MigrationPlan(processKey, fromVersion, toVersion, m);
    }
}
