package dev.oakit.crm.internal;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.crm.CrmErrors;
import dev.oakit.crm.spi.CrmConnector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CRM connectors given to the bridge, by id. Immutable; thread-safe. */
public final class CrmConnectors {
    private final Map<String, CrmConnector> byId;

    /** @throws ConfigurationException listing every problem: no connector, two with one id */
    public CrmConnectors(List<CrmConnector> connectors) {
        List<String> problems = new ArrayList<>();
        Map<String, CrmConnector> m = new LinkedHashMap<>();
        if (connectors.isEmpty()) {
            problems.add("[" + CrmErrors.NO_TARGET + "] the CRM bridge has no connector; give CrmBridgePlugin one "
                    + "(SalesforceConnector, the Odoo CRM connector or a vendor's)");
        }
        for (CrmConnector c : connectors) {
            if (m.putIfAbsent(c.id(), c) != null) {
                problems.add("[" + CrmErrors.NO_TARGET + "] two CRM connectors have the id '" + c.id() + "'; give each its own target id");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        this.byId = Map.copyOf(m);
    }

    /** @return the connector of that id, if given */
    public Optional<CrmConnector> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * @return the connector of that id
     * @throws NotFoundException {@code OA-CRM/NO_TARGET} naming the connectors there are
     */
    public CrmConnector require(String id) {
        CrmConnector c = byId.get(id);
        if (c == null) {
            throw new NotFoundException(CrmErrors.NO_TARGET, "no CRM connector has the id '" + id + "'; the bridge's connectors are "
                    + byId.keySet());
        }
        return c;
    }

    /** @return every connector */
    public List<CrmConnector> all() {
        return List.copyOf(byId.values());
    }
}
