package dev.oakit.integration.internal.mapping;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.mapping.MappingDocument;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every registered mapping version, read once when OAKit is built (an eager singleton): the problems of
 * all documents are thrown together, each naming its mapping, version, path and fix.
 */
@Singleton
public final class MappingRegistry {
    private final Map<String, NavigableMap<Integer, FieldMapping>> byId = new TreeMap<>();

    @Inject
    public MappingRegistry(Set<MappingDocument> documents) {
        List<String> problems = new ArrayList<>();
        Map<String, String> texts = new TreeMap<>();
        for (MappingDocument d : documents) {
            FieldMapping m;
            try {
                m = FieldMapping.parse(d.source(), d.text());
            } catch (ValidationException e) {
                problems.add(e.getMessage());
                continue;
            }
            String key = m.id() + " v" + m.version();
            String before = texts.putIfAbsent(key, d.text());
            if (before != null) {
                if (!before.equals(d.text())) {
                    problems.add(m.label() + " (" + d.source() + ") is registered twice with different contents;"
                            + " a changed mapping needs a new version");
                }
                continue;
            }
            byId.computeIfAbsent(m.id(), k -> new TreeMap<>()).put(m.version(), m);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /** @return the newest version */
    public FieldMapping latest(String id) {
        NavigableMap<Integer, FieldMapping> versions = byId.get(id);
        if (versions == null) {
            throw new NotFoundException(IntegrationErrors.NO_SUCH_MAPPING, "no mapping '" + id + "' is registered; registered: " + byId.keySet()
                    + " (contribute one with context.extension(MappingDocument.class, ...))");
        }
        return versions.lastEntry().getValue();
    }

    /** @return one version */
    public FieldMapping version(String id, int version) {
        FieldMapping m = latest(id);
        FieldMapping v = byId.get(id).get(version);
        if (v == null) {
            throw new NotFoundException(IntegrationErrors.NO_SUCH_MAPPING, "mapping '" + id + "' has no version " + version
                    + "; registered versions: " + byId.get(id).keySet() + " (the newest is v" + m.version() + ")");
        }
        return v;
    }

    /** @return every version of every mapping, by id then version */
    public List<FieldMapping> all() {
        List<FieldMapping> all = new ArrayList<>();
        byId.values().forEach(v -> all.addAll(v.values()));
        return List.copyOf(all);
    }
}
