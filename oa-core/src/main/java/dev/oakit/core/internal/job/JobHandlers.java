package dev.oakit.core.internal.job;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.spi.JobHandler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every installed job handler by its type; types are unique. */
public record JobHandlers(Map<String, JobHandler> byType) {
    /** Copies the map. */
    public JobHandlers {
        byType = Map.copyOf(byType);
    }

    /** @throws ConfigurationException naming each handler without a type and each type with two handlers */
    public static JobHandlers of(List<JobHandler> handlers) {
        Map<String, JobHandler> byType = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (JobHandler h : handlers) {
            String type = h.type();
            if (type == null || type.isBlank()) {
                problems.add("job handler " + h.getClass().getName() + " has no type");
            } else if (byType.putIfAbsent(type, h) != null) {
                problems.add("job type '" + type + "' has two handlers: " + byType.get(type).getClass().getName()
                        + " and " + h.getClass().getName());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new JobHandlers(byType);
    }
}
