package dev.oakit.workflow.internal.definition;

import dev.oakit.core.ValidationException.Problem;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fault injected into a valid definition: the first problem names it, and every other problem says that it
 * follows from it (none of them counts as a root cause of its own). Over the random well-formed graphs of
 * {@link DefinitionGraphPropertiesTest} and, route by route, over the leave process and the process with every
 * feature.
 */
class RootCauseFirstTest {
    /** The faults: a typo in a route's to or from, a to naming a node that does not exist at all, a route removed. */
    enum Fault { TO_TYPO, FROM_TYPO, TO_UNKNOWN, FROM_UNKNOWN, REMOVED }

    @Property(tries = 300)
    void oneFaultOneRootCause(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> choices,
                              @ForAll @IntRange(min = 0, max = 10_000) int pick, @ForAll Fault fault) {
        ProcessDefinition d = new DefinitionGraphPropertiesTest.Shape(choices).build();
        assertRootFirst(d, pick % d.routes().size(), fault);
    }

    @Test
    void everyRouteOfTheFixturesBrokenEveryWay() {
        for (ProcessDefinition d : List.of(Definitions.leave(), Definitions.rich())) {
            for (int j = 0; j < d.routes().size(); j++) {
                for (Fault fault : Fault.values()) {
                    assertRootFirst(d, j, fault);
                }
            }
        }
    }

    @Test
    void aTypoInARouteIsOneProblemThatNamesTheNodeMeant() {
        ProcessDefinition d = broken(Definitions.leave(), 1, Fault.TO_TYPO);
        List<String> report = Definitions.problems(d).stream().map(Problem::toString).toList();
        assertThat(report).containsExactly(
                "routes[1].to: names no node 'llong'; did you mean 'long'?",
                "nodes[1]: has no outgoing route; an approval node needs exactly one (follows from routes[1].to; fix that first)",
                "nodes[0]: has no path to an end node (follows from routes[1].to; fix that first)",
                "nodes[2]: cannot be reached from the start node (follows from routes[1].to; fix that first)",
                "nodes[3]: cannot be reached from the start node (follows from routes[1].to; fix that first)",
                "nodes[4]: cannot be reached from the start node (follows from routes[1].to; fix that first)");
    }

    private static void assertRootFirst(ProcessDefinition valid, int j, Fault fault) {
        assertThat(Definitions.problems(valid)).isEmpty();
        ProcessDefinition d = broken(valid, j, fault);
        List<Problem> problems = Definitions.problems(d);
        if (fault == Fault.REMOVED && problems.isEmpty()) {
            return; // not every route is needed (a second default-free route out of an exclusive, say)
        }
        Route r = valid.routes().get(j);
        List<String> named = switch (fault) {
            case TO_TYPO, TO_UNKNOWN -> List.of("routes[" + j + "].to");
            case FROM_TYPO, FROM_UNKNOWN -> List.of("routes[" + j + "].from");
            case REMOVED -> List.of(node(valid, r.from()), node(valid, r.to()));
        };
        String description = fault + " of routes[" + j + "] " + r.from() + "→" + r.to() + " in " + valid.key() + ": " + problems;
        assertThat(problems).as(description).isNotEmpty();
        assertThat(named).as(description).contains(problems.get(0).path());
        assertThat(problems.subList(1, problems.size())).as(description)
                .allSatisfy(p -> assertThat(p.message()).contains("(follows from " + problems.get(0).path() + "; fix that first)"));
    }

    private static String node(ProcessDefinition d, String id) {
        return "nodes[" + d.nodes().indexOf(d.node(id).orElseThrow()) + "]";
    }

    static ProcessDefinition broken(ProcessDefinition d, int j, Fault fault) {
        List<Route> routes = new ArrayList<>(d.routes());
        Route r = routes.get(j);
        Boolean isDefault = r.isDefault() ? Boolean.TRUE : null;
        switch (fault) {
            case TO_TYPO -> routes.set(j, new Route(r.from(), typo(r.to()), r.condition(), isDefault, r.name()));
            case FROM_TYPO -> routes.set(j, new Route(typo(r.from()), r.to(), r.condition(), isDefault, r.name()));
            case TO_UNKNOWN -> routes.set(j, new Route(r.from(), "no-such-node", r.condition(), isDefault, r.name()));
            case FROM_UNKNOWN -> routes.set(j, new Route("no-such-node", r.to(), r.condition(), isDefault, r.name()));
            case REMOVED -> routes.remove(j);
        }
        return new ProcessDefinition(d.key(), d.name(), d.description(), d.form(), d.nodes(), routes);
    }

    /** A typo: "long" → "llong". */
    private static String typo(String id) {
        return id.charAt(0) + id;
    }
}
