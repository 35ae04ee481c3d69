package dev.oakit.integration.internal.mapping;

import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.mapping.MappingIssue;
import dev.oakit.integration.mapping.MappingIssue.Change;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Compares a mapping with the remote's entities: a pure function, every issue with what changed and what to do. */
public final class MetadataComparison {
    private MetadataComparison() {
    }

    /**
     * @param entities the remote's entities the mapping uses, by name; an absent or empty value for one the remote does not have
     * @return every issue; empty when the mapping fits
     */
    public static List<MappingIssue> issues(FieldMapping m, Map<String, Optional<RemoteEntity>> entities) {
        List<MappingIssue> issues = new ArrayList<>();
        Set<String> gone = new HashSet<>();
        for (FieldMapping.RemoteUse u : m.remoteUses()) {
            Optional<RemoteEntity> e = entities.getOrDefault(u.entity(), Optional.empty());
            if (e.isEmpty()) {
                if (gone.add(u.entity())) {
                    issues.add(new MappingIssue(u.entity(), u.field(), u.rule(), Change.ENTITY_GONE,
                            "the remote " + m.target() + " has no entity '" + u.entity() + "' any more",
                            "restore it in " + m.target() + ", or name its new name in a new version of " + m.label()));
                }
                continue;
            }
            RemoteField f = e.get().fields().get(u.field());
            if (f == null) {
                issues.add(new MappingIssue(u.entity(), u.field(), u.rule(), Change.FIELD_GONE,
                        "remote field '" + u.field() + "' is gone from " + m.target() + "'s metadata of '" + u.entity() + "'",
                        "restore the field in " + m.target() + ", or map to its new name in a new version of " + m.label()
                                + unused(m, e.get(), u.entity())));
            } else if (f.type() != null && !f.type().accepts(u.type())) {
                issues.add(new MappingIssue(u.entity(), u.field(), u.rule(), Change.TYPE_CHANGED,
                        "remote field '" + u.field() + "' is now " + f.remoteType() + " (" + f.type().label() + "); the mapping sends "
                                + u.type().label() + " values",
                        "change the field back in " + m.target() + ", or give the rule a transform that produces a " + f.type().label()
                                + " in a new version of " + m.label()));
            }
        }
        return issues;
    }

    private static String unused(FieldMapping m, RemoteEntity e, String entity) {
        Set<String> used = new HashSet<>();
        m.remoteUses().stream().filter(u -> u.entity().equals(entity)).forEach(u -> used.add(u.field()));
        List<String> candidates = e.fields().values().stream().filter(f -> !used.contains(f.name()))
                .map(f -> f.label() == null ? f.name() : f.name() + " (" + f.label() + ")").sorted().limit(20).toList();
        return candidates.isEmpty() ? "" : " (fields the mapping does not use: " + String.join(", ", candidates) + ")";
    }
}
