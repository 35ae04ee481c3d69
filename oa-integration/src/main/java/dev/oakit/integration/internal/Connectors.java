package dev.oakit.integration.internal;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.IntegrationErrors;
import dev.oakit.integration.spi.ChangeFeed;
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
    private final Map<String, Map<String, ChangeFeed>> feeds = new TreeMap<>();

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
            Map<String, ChangeFeed> fs = new TreeMap<>();
            for (ChangeFeed f : c.feeds()) {
                if (fs.put(f.entityType(), f) != null) {
                    problems.add("connector '" + c.id() + "' has two change feeds of '" + f.entityType() + "'");
                }
                if (f.createOperation() != null && !ops.containsKey(f.createOperation())) {
                    problems.add("the change feed of '" + f.entityType() + "' of connector '" + c.id() + "' names the create operation '"
                            + f.createOperation() + "', which the connector does not have; it has " + ops.keySet());
                }
            }
            feeds.put(c.id(), fs);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /** @return the create operation, if installed */
    public Optional<RemoteCreate<?>> create(String target, String operation) {
        return Optional.ofNullable(creates.getOrDefault(target, Map.of()).get(operation));
    }

    /** @return the change feed of an entity type, if installed */
    public Optional<ChangeFeed> feed(String target, String entityType) {
        return Optional.ofNullable(feeds.getOrDefault(target, Map.of()).get(entityType));
    }

    /** @return the change feed; fails naming what is installed */
    public ChangeFeed requireFeed(String target, String entityType) {
        return feed(target, entityType).orElseThrow(() -> new ValidationException(IntegrationErrors.NO_SUCH_OPERATION, "change pull",
                List.of(feeds.containsKey(target)
                        ? new ValidationException.Problem("entityType", "connector '" + target + "' has no change feed of '" + entityType
                        + "'; it has " + feeds.get(target).keySet() + " (Connector.feeds())")
                        : new ValidationException.Problem("target", "no connector '" + target + "' is installed; installed: "
                        + feeds.keySet() + " (contribute one with context.extension(Connector.class, ...))"))));
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
