package dev.oakit.integration.internal;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.RemoteCreate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The installed connectors and their operations, by target and operation name. */
@Singleton
public final class Connectors {
    private final Map<String, Map<String, RemoteCreate<?>>> creates = new TreeMap<>();

    @Inject
    public Connectors(Set<Connector> connectors) {
        List<String> problems = new ArrayList<>();
        for (Connector c : connectors) {
            if (creates.containsKey(c.id())) {
                problems.add("two connectors have the id '" + c.id() + "'; give each target its own id");
                continue;
            }
            Map<String, RemoteCreate<?>> ops = new TreeMap<>();
            for (RemoteCreate<?> op : c.creates()) {
                if (ops.put(op.operation(), op) != null) {
                    problems.add("connector '" + c.id() + "' has two create operations named '" + op.operation() + "'");
                }
            }
            creates.put(c.id(), ops);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /** @return the create operation, if installed */
    public Optional<RemoteCreate<?>> create(String target, String operation) {
        return Optional.ofNullable(creates.getOrDefault(target, Map.of()).get(operation));
    }

    /** @return the create operation; fails naming what is installed */
    public RemoteCreate<?> requireCreate(String target, String operation) {
        return create(target, operation).orElseThrow(() -> new ValidationException(IntegrationErrors.NO_SUCH_OPERATION, "remote write",
                List.of(creates.containsKey(target)
                        ? new ValidationException.Problem("operation", "connector '" + target + "' has no create operation '" + operation
                        + "'; it has " + creates.get(target).keySet())
                        : new ValidationException.Problem("target", "no connector '" + target + "' is installed; installed: "
                        + creates.keySet() + " (contribute one with context.extension(Connector.class, ...))"))));
    }
}
