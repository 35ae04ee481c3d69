package dev.oakit.crm;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import dev.oakit.ticket.StateKind;
import org.apiguardian.api.API;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How CRM cases become tickets, as data: the ticket type, queue and SLA policy of each case type (and of a case
 * without a known type), and the CRM status each kind of ticket state is written back as. Immutable.
 *
 * <pre>{@code
 * CaseRouting routing = CaseRouting.of(new CaseRouting.Route("service", "support", "standard"))
 *         .withType("Complaint", new CaseRouting.Route("complaint", "care", "urgent"))
 *         .withStatus(StateKind.IN_PROGRESS, "In Progress");
 * }</pre>
 *
 * @param byType the route of each case type, by the CRM's type name (compared without case)
 * @param fallback the route of a case whose type is missing or not listed
 * @param statuses the CRM status each ticket state kind is written back as; a kind not listed is not written
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CaseRouting(Map<String, Route> byType, Route fallback, Map<StateKind, String> statuses) {
    /** Checks the components. */
    public CaseRouting {
        if (fallback == null) {
            throw ValidationException.of("fallback", "is required: the route of a case whose type is missing or not listed, "
                    + "e.g. CaseRouting.of(new CaseRouting.Route(\"service\", \"support\", null))");
        }
        Map<String, Route> t = new LinkedHashMap<>();
        byType.forEach((k, v) -> t.put(caseType(k), route(k, v)));
        byType = Map.copyOf(t);
        statuses = statuses.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(statuses));
        statuses.forEach((k, v) -> {
            if (v == null || v.isBlank() || v.length() > 64) {
                throw ValidationException.of("statuses." + k, "must be the CRM's status name (1 to 64 characters), was '" + v
                        + "'; give null to write none for that state");
            }
        });
    }

    /**
     * Where a case goes.
     *
     * @param ticketType the ticket type's key
     * @param queue the queue, or null for the type's default queue
     * @param slaPolicy the SLA policy, or null for the default
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Route(String ticketType, String queue, String slaPolicy) {
        /** Checks the components. */
        public Route {
            if (ticketType == null || ticketType.isBlank()) {
                throw ValidationException.of("ticketType", "is required: the key of a ticket type cases of this route become, e.g. \"complaint\"");
            }
            Checks.id("ticketType", ticketType);
            if (queue != null && queue.isBlank()) {
                throw ValidationException.of("queue", "is blank; give the queue's key, or null for the ticket type's default queue");
            }
            Checks.optionalText("queue", queue, 64);
            if (slaPolicy != null && slaPolicy.isBlank()) {
                throw ValidationException.of("slaPolicy", "is blank; give the SLA policy's key, or null for the default policy");
            }
            Checks.optionalText("slaPolicy", slaPolicy, 64);
        }
    }

    /**
     * @param fallback the route of every case
     * @return a routing with the usual statuses: assigned and in progress {@code In Progress}, waiting {@code Waiting on
     *     Customer}, resolved and closed {@code Done}
     */
    public static CaseRouting of(Route fallback) {
        Map<StateKind, String> s = new EnumMap<>(StateKind.class);
        s.put(StateKind.ASSIGNED, "In Progress");
        s.put(StateKind.IN_PROGRESS, "In Progress");
        s.put(StateKind.WAITING, "Waiting on Customer");
        s.put(StateKind.RESOLVED, "Done");
        s.put(StateKind.CLOSED, "Done");
        return new CaseRouting(Map.of(), fallback, s);
    }

    /** @return this routing with cases of that type going that route */
    public CaseRouting withType(String caseType, Route route) {
        Map<String, Route> t = new LinkedHashMap<>(byType);
        t.put(caseType(caseType), route(caseType, route));
        return new CaseRouting(t, fallback, statuses);
    }

    private static String caseType(String caseType) {
        if (caseType == null || caseType.isBlank() || caseType.length() > 64) {
            throw ValidationException.of("caseType", "must be the CRM's name of the case type (1 to 64 characters, e.g. \"Complaint\"), was '"
                    + caseType + "'; cases without a type take the fallback route");
        }
        return caseType.toLowerCase(Locale.ROOT);
    }

    private static Route route(String caseType, Route route) {
        if (route == null) {
            throw ValidationException.of("byType." + caseType, "has no route; give new CaseRouting.Route(ticketType, queue, slaPolicy), "
                    + "or leave the type out to take the fallback route");
        }
        return route;
    }

    /** @return this routing with tickets in that kind of state written back with that CRM status; null to write none */
    public CaseRouting withStatus(StateKind kind, String crmStatus) {
        Map<StateKind, String> s = new EnumMap<>(StateKind.class);
        s.putAll(statuses);
        if (crmStatus == null) {
            s.remove(kind);
        } else {
            s.put(kind, crmStatus);
        }
        return new CaseRouting(byType, fallback, s);
    }

    /** @return the route of a case type (null for none) */
    public Route route(String caseType) {
        return caseType == null ? fallback : byType.getOrDefault(caseType.toLowerCase(Locale.ROOT), fallback);
    }

    /** @return the CRM status of a ticket state kind, or null when it is not written back */
    public String status(StateKind kind) {
        return statuses.get(kind);
    }
}
