package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRule;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;
import dev.oakit.ticket.dispatch.PriorityWeights;
import dev.oakit.ticket.dispatch.RuleConditions;
import dev.oakit.ticket.dispatch.RuleMatch;
import dev.oakit.ticket.spi.AgentCandidate;
import dev.oakit.ticket.spi.DispatchDecision;
import dev.oakit.ticket.spi.DispatchRequest;
import dev.oakit.ticket.spi.DispatchStrategy;
import dev.oakit.ticket.internal.store.CatalogRepository;
import dev.oakit.ticket.internal.store.QueueRepository;
import dev.oakit.ticket.internal.store.RoutingRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.spi.DispatchHook;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dispatch hook of the ticket service: the tenant's {@link DispatchRules} route a new ticket
 * (queue, strategy, priority, SLA policy), and the chosen {@link DispatchStrategy} picks an agent
 * among the queue's members, built from their profiles, the directory, their calendars and their
 * open work. Dispatch into one queue is serialised by locking the queue's row, so capacity caps
 * hold under concurrent creates. See docs/ticket-routing.md.
 */
@Singleton
public final class RuleDispatch implements DispatchHook {
    /** Load of one open ticket per priority (least-loaded and skill match compare it). */
    static final PriorityWeights WEIGHTS = PriorityWeights.of(Map.of("LOW", 0.5, "NORMAL", 1.0, "HIGH", 2.0, "URGENT", 4.0));
    /** Tags of this form name a skill the agent needs, e.g. {@code skill:vpn}. */
    static final String SKILL_TAG = "skill:";
    /** A custom field of this name lists required skills (a list or a comma-separated text). */
    static final String SKILLS_FIELD = "skills";

    private final RoutingRepository store;
    private final Directory directory;
    private final QueueRepository queues;
    private final TicketRepository tickets;
    private final CatalogRepository catalog;
    private final BusinessCalendars calendars;
    private final DispatchStrategies strategies;
    /**
     * Per tenant, what dispatch derives from its configuration rather than from a ticket: category paths of one loaded
     * catalog and the rules with their category keys made paths. Each is kept with the very objects it was derived from
     * (the configuration cache's answers), compared by identity, so a changed configuration is never served stale.
     */
    private final Map<String, Derived> derived = new java.util.concurrent.ConcurrentHashMap<>();

    /** Category paths of the loaded {@code categories}; {@code withPaths} is {@code rules} mapped over them (both null until asked). */
    private record Derived(List<Category> categories, Map<String, String> paths, DispatchRules rules, DispatchRules withPaths) {
    }

    @Inject
    public RuleDispatch(RoutingRepository store, Directory directory, QueueRepository queues, TicketRepository tickets,
                        CatalogRepository catalog, BusinessCalendars calendars, Set<DispatchStrategy> contributed) {
        this.store = store;
        this.directory = directory;
        this.queues = queues;
        this.tickets = tickets;
        this.catalog = catalog;
        this.calendars = calendars;
        this.strategies = DispatchStrategies.of(contributed);
    }

    DispatchStrategies strategies() {
        return strategies;
    }

    @Override
    public Route route(CommandContext ctx, TicketType type, NewTicket req, String channel, Map<String, Object> fields) {
        Handle h = ctx.handle();
        Optional<DispatchRules> rules = store.rules(h, ctx.tenantId());
        if (rules.isEmpty()) {
            return Route.NONE;
        }
        Priority priority = req.priority() == null ? type.defaultPriority() : req.priority();
        DispatchRequest.Builder b = DispatchRequest.builder().ticketType(type.key()).category(categoryPath(h, ctx.tenantId(), req.category()))
                .priority(priority.name()).channel(channel);
        fields.forEach(b::field);
        DispatchRequest request = b.build();
        RuleMatch match = withPaths(h, ctx.tenantId(), rules.get()).evaluate(request);
        DispatchOutcome o = match.outcome();
        String queue = req.queue() != null ? req.queue() : o.queue();
        return new Route(o.queue(), strategyFor(rules.get(), match, queue), o.priority() == null ? null : Priority.valueOf(o.priority()),
                o.slaPolicy(), match.explanation());
    }

    @Override
    public Assignment assigneeFor(CommandContext ctx, Ticket ticket, Route route) {
        if (route == Route.NONE) {
            return null; // the tenant has no rules (route just read them)
        }
        Handle h = ctx.handle();
        String tenant = ctx.tenantId();
        DispatchRequest request = request(h, tenant, ticket);
        String strategyName;
        String routing;
        if (route != null && route.strategy() != null) {
            strategyName = route.strategy();
            routing = route.explanation();
        } else {
            Optional<DispatchRules> rules = store.rules(h, tenant);
            if (rules.isEmpty()) {
                return null;
            }
            RuleMatch match = withPaths(h, tenant, rules.get()).evaluate(request);
            strategyName = strategyFor(rules.get(), match, ticket.queue());
            routing = match.explanation();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("strategy", strategyName);
        detail.put("queue", ticket.queue());
        if (routing != null) {
            detail.put("routing", routing);
        }
        DispatchStrategy strategy = strategies.find(strategyName).orElse(null);
        if (strategy == null) {
            return new Assignment(null, "strategy '" + strategyName + "' is not registered (known: " + strategies.names()
                    + "); the ticket waits in queue '" + ticket.queue() + "'", detail);
        }
        // one dispatch per queue at a time: the caps below are read and used under this lock
        queues.lockQueue(h, tenant, ticket.queue());
        List<AgentCandidate> candidates = candidates(h, tenant, ticket.queue(), ctx.now(), request);
        DispatchDecision decision = strategy.choose(request, candidates);
        String agent = decision.agentId();
        String explanation = decision.explanation();
        if (agent != null) {
            AgentCandidate chosen = candidates.stream().filter(c -> c.userId().equals(decision.agentId())).findFirst().orElse(null);
            String refused = chosen == null ? "is not a member of queue '" + ticket.queue() + "'"
                    : chosen.openTickets() >= chosen.capacity() ? "is full (" + chosen.openTickets() + "/" + chosen.capacity() + ")"
                    : chosen.ineligibility().orElseGet(() -> fullNow(h, tenant, chosen));
            if (refused != null) {
                explanation += "; not assigned: " + agent + " " + refused + ", the ticket waits in the queue";
                agent = null;
            } else {
                remember(h, tenant, agent, ctx.now(), candidates);
            }
        }
        detail.put("agent", agent);
        Assignment decided = new Assignment(agent, explanation, detail);
        return agent == null ? decided : dev.oakit.ticket.internal.command.Assignment.checked(decided); // member, active, under capacity: checked above
    }

    /**
     * An agent with a cap may belong to several queues, whose dispatches do not share a lock: lock
     * the agent's profile row and count again.
     *
     * @return why the agent is full now, or null
     */
    private String fullNow(Handle h, String tenant, AgentCandidate agent) {
        if (agent.capacity() == AgentCandidate.UNLIMITED) {
            return null;
        }
        queues.lockAgent(h, tenant, agent.userId());
        int open = tickets.openLoad(h, tenant, agent.userId());
        return open >= agent.capacity() ? "is full (" + open + "/" + agent.capacity() + ")" : null;
    }

    /** The strategy for a ticket in {@code queue}: the matching outcome's if it routes there, else the first outcome that does, else manual. */
    static String strategyFor(DispatchRules rules, RuleMatch match, String queue) {
        DispatchOutcome o = match.outcome();
        if (queue == null || queue.equals(o.queue())) {
            return o.strategy() != null ? o.strategy() : DispatchStrategies.MANUAL;
        }
        for (DispatchRule r : rules.rules()) {
            DispatchOutcome full = rules.otherwise() == null ? r.then() : r.then().orElse(rules.otherwise());
            if (queue.equals(full.queue()) && full.strategy() != null) {
                return full.strategy();
            }
        }
        if (rules.otherwise() != null && queue.equals(rules.otherwise().queue())) {
            return rules.otherwise().strategy();
        }
        return DispatchStrategies.MANUAL;
    }

    /** The ticket as rules and strategies see it: category path, required skills, earlier and parent agents. */
    DispatchRequest request(Handle h, String tenant, Ticket t) {
        DispatchRequest.Builder b = DispatchRequest.builder().ticketType(t.type()).category(categoryPath(h, tenant, t.category()))
                .priority(t.priority().name()).channel(t.channel())
                .requiredSkills(skills(t.tags(), t.fields()).toArray(String[]::new));
        t.fields().forEach(b::field);
        Requester r = t.requester();
        String who = r.userId() != null ? r.userId() : r.contactEmail();
        b.requesterId(who);
        if (who != null) {
            List<String> earlier = tickets.earlierAssignees(h, tenant, r, t.id());
            b.requesterAgents(new LinkedHashSet<>(earlier).toArray(String[]::new));
        }
        if (t.parentId() != null) {
            tickets.assigneeOf(h, tenant, t.parentId()).ifPresent(b::parentAgentId);
        }
        return b.build();
    }

    static Set<String> skills(Collection<String> tags, Map<String, Object> fields) {
        Set<String> out = new LinkedHashSet<>();
        for (String tag : tags) {
            if (tag.startsWith(SKILL_TAG) && tag.length() > SKILL_TAG.length()) {
                out.add(tag.substring(SKILL_TAG.length()));
            }
        }
        Object v = fields.get(SKILLS_FIELD);
        if (v instanceof Collection<?> c) {
            c.stream().filter(java.util.Objects::nonNull).map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        } else if (v instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /**
     * The queue's members as candidates: profile, duty by flag and calendar, open work and its weight, last assignment
     * (one query, {@link QueueRepository#candidates}), and whether the directory has them active (one batch lookup).
     */
    List<AgentCandidate> candidates(Handle h, String tenant, String queue, Instant now, DispatchRequest request) {
        List<QueueRepository.Candidate> members = queues.candidates(h, tenant, queue);
        if (members.isEmpty()) {
            return List.of();
        }
        Map<String, User> users = directory.findUsers(Actor.system(tenant), members.stream().map(m -> m.agent().userId()).toList());
        Set<String> familiar = new LinkedHashSet<>(request.requesterAgents());
        if (request.parentAgentId() != null) {
            familiar.add(request.parentAgentId());
        }
        List<AgentCandidate> out = new ArrayList<>();
        for (QueueRepository.Candidate m : members) {
            var a = m.agent();
            Map<String, Integer> mine = m.openByPriority();
            int count = mine.values().stream().mapToInt(Integer::intValue).sum();
            User user = users.get(a.userId());
            out.add(new AgentCandidate(a.userId(), user != null && user.active(), onDuty(a, now), a.skills(),
                    a.capacity() == 0 ? AgentCandidate.UNLIMITED : a.capacity(), count, WEIGHTS.load(mine), m.lastAssignedAt(),
                    familiar.contains(a.userId())));
        }
        return out;
    }

    /** On duty: the flag, and working time by the agent's own calendar when they have one. */
    private boolean onDuty(dev.oakit.ticket.Agent a, Instant now) {
        if (!a.onDuty()) {
            return false;
        }
        if (a.calendar() == null) {
            return true;
        }
        return calendars.find(a.calendar()).map(c -> c.isWorkingTime(now)).orElse(true);
    }

    /**
     * Stores when the agent got work. Two assignments in one instant still rotate: the stored
     * instant is at least a microsecond after every candidate's.
     */
    private void remember(Handle h, String tenant, String agent, Instant now, List<AgentCandidate> candidates) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        boolean known = false;
        for (AgentCandidate c : candidates) {
            if (c.lastAssignedAt() != null && !c.lastAssignedAt().isBefore(at)) {
                at = c.lastAssignedAt().plus(1, ChronoUnit.MICROS);
            }
            known |= c.userId().equals(agent) && c.lastAssignedAt() != null;
        }
        queues.assignedAt(h, tenant, agent, at, known);
    }

    /** @return the category's path of keys from the root, e.g. {@code hw/hw.printer}; null for none */
    String categoryPath(Handle h, String tenant, String key) {
        if (key == null) {
            return null;
        }
        return paths(h, tenant).getOrDefault(key, key);
    }

    /**
     * The paths of every category, derived once per configuration: the catalog's cached list ({@link CatalogRepository#categories},
     * {@code ConfigCache}) is a new list after every change, so paths derived from the same list are served again and a
     * changed catalog is derived anew (the create asks twice, for the route and for the assignee).
     */
    private Map<String, String> paths(Handle h, String tenant) {
        List<Category> all = catalog.categories(h, tenant);
        Derived d = derived.get(tenant);
        if (d == null || d.categories() != all) {
            d = new Derived(all, pathsOf(all), null, null);
            remember(tenant, d);
        }
        return d.paths();
    }

    static Map<String, String> pathsOf(List<Category> categories) {
        Map<String, String> parent = new HashMap<>();
        for (Category c : categories) {
            parent.put(c.key(), c.parentKey());
        }
        Map<String, String> out = new HashMap<>();
        for (String key : parent.keySet()) {
            List<String> chain = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String k = key; k != null && seen.add(k); k = parent.get(k)) {
                chain.add(0, k);
            }
            out.put(key, String.join("/", chain));
        }
        return Map.copyOf(out);
    }

    private void remember(String tenant, Derived d) {
        if (derived.size() >= 1_000) {
            derived.clear();
        }
        derived.put(tenant, d);
    }

    /** Category conditions may name a category key (its subtree matches) or a path; keys become paths here. */
    DispatchRules withPaths(Handle h, String tenant, DispatchRules rules) {
        boolean anyKey = rules.rules().stream().flatMap(r -> r.when().categories().stream()).anyMatch(c -> !c.contains("/"));
        if (!anyKey) {
            return rules;
        }
        Map<String, String> paths = paths(h, tenant);
        Derived d = derived.get(tenant);
        if (d != null && d.paths() == paths && d.rules() == rules) {
            return d.withPaths(); // the same rules over the same catalog: mapped once
        }
        List<DispatchRule> mapped = new ArrayList<>();
        for (DispatchRule r : rules.rules()) {
            RuleConditions w = r.when();
            List<String> cats = w.categories().stream().map(c -> c.contains("/") ? c : paths.getOrDefault(c, c)).toList();
            mapped.add(new DispatchRule(r.name(), new RuleConditions(w.types(), cats, w.priorities(), w.channels(), w.fields()), r.then()));
        }
        DispatchRules out = new DispatchRules(mapped, rules.otherwise());
        if (d != null && d.paths() == paths) {
            remember(tenant, new Derived(d.categories(), paths, rules, out));
        }
        return out;
    }
}
