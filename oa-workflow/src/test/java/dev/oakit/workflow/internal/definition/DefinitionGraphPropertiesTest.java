package dev.oakit.workflow.internal.definition;

import dev.oakit.core.ValidationException.Problem;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitionBuilder;
import dev.oakit.workflow.Route;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random well-formed graphs (sequences of tasks, exclusive diamonds, parallel and inclusive blocks
 * with joins, nested) always validate; removing any one route always produces the one problem
 * that names the broken spot.
 */
class DefinitionGraphPropertiesTest {

    @Property(tries = 300)
    void wellFormedGraphsValidate(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 999) Integer> choices) {
        ProcessDefinition d = new Shape(choices).build();
        Statistics.label("has a nested split").collect(nestedSplit(d));
        Statistics.label("has a split").collect(d.nodes().stream().anyMatch(Node.Join.class::isInstance)
                || d.nodes().stream().anyMatch(Node.Exclusive.class::isInstance));
        Statistics.label("has a split").coverage(c -> c.check(true).percentage(p -> p > 30));
        Statistics.label("has a nested split").coverage(c -> c.check(true).percentage(p -> p > 10));
        assertThat(Definitions.problems(d)).isEmpty();
        assertThat(ProcessDefinition.fromJson(d.toJson())).isEqualTo(d);
    }

    @Property(tries = 300)
    void removingAnyRouteIsReported(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 999) Integer> choices,
                                    @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        ProcessDefinition d = new Shape(choices).build();
        int removed = pick % d.routes().size();
        Route r = d.routes().get(removed);
        List<Route> routes = new ArrayList<>(d.routes());
        routes.remove(removed);
        ProcessDefinition broken = new ProcessDefinition(d.key(), d.name(), null, d.form(), d.nodes(), routes);

        Node from = d.node(r.from()).orElseThrow();
        boolean split = from instanceof Node.Exclusive || from instanceof Node.Parallel || from instanceof Node.Inclusive;
        // every branch of a split starts with a node that only the split enters, so it is cut off;
        // any other node has exactly one route out, and now has none
        Problem expected = split
                ? new Problem("nodes[" + d.nodes().indexOf(d.node(r.to()).orElseThrow()) + "]",
                "cannot be reached from the start node")
                : new Problem("nodes[" + d.nodes().indexOf(from) + "]",
                "has no outgoing route; " + article(from) + " node needs exactly one");
        // (the cut-off branch follows from a split left with too few routes, and says so)
        assertThat(Definitions.problems(broken)).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(expected.path());
            assertThat(p.message()).startsWith(expected.message());
        });
    }

    /** A split whose branch holds another split: exercises branch and join checks across levels. */
    private static boolean nestedSplit(ProcessDefinition d) {
        return d.routes().stream().anyMatch(r -> {
            Node from = d.node(r.from()).orElseThrow();
            Node to = d.node(r.to()).orElseThrow();
            boolean fromSplit = from instanceof Node.Exclusive || from instanceof Node.Parallel || from instanceof Node.Inclusive;
            boolean toSplit = to instanceof Node.Exclusive || to instanceof Node.Parallel || to instanceof Node.Inclusive;
            return fromSplit && toSplit;
        });
    }

    private static String article(Node n) {
        String type = n instanceof Node.SubProcess ? "subprocess" : n.getClass().getSimpleName().toLowerCase();
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    /** Builds a definition from a list of choices; runs out of choices gracefully (0 from then on). */
    static final class Shape {
        private final Iterator<Integer> choices;
        private final ProcessDefinitionBuilder b = ProcessDefinition.builder("generated").form(Definitions.leaveForm());
        private int next;

        Shape(List<Integer> choices) {
            this.choices = choices.iterator();
        }

        private int pick(int n) {
            return choices.hasNext() ? choices.next() % n : 0;
        }

        private String id(String prefix) {
            return prefix + next++;
        }

        ProcessDefinition build() {
            b.start("start");
            Block body = sequence(0);
            b.route("start", body.entry);
            b.end("end");
            body.exits.forEach(x -> b.route(x, "end"));
            return b.build();
        }

        /** A block has one entry node and the nodes that route on to whatever follows it. */
        private record Block(String entry, List<String> exits) {
        }

        private Block sequence(int depth) {
            int length = 1 + pick(depth == 0 ? 6 : 3);
            Block first = block(depth);
            List<String> exits = first.exits;
            for (int i = 1; i < length; i++) {
                Block next = block(depth);
                exits.forEach(x -> b.route(x, next.entry));
                exits = next.exits;
            }
            return new Block(first.entry, exits);
        }

        private Block block(int depth) {
            int kind = pick(depth < 3 ? 7 : 4);
            String id;
            switch (kind) {
                case 0 -> {
                    id = id("a");
                    int level = 1 + pick(20);
                    b.approval(id, a -> a.approver(ApproverRule.manager(level)));
                }
                case 1 -> b.cc(id = id("cc"), ApproverRule.role("hr"));
                case 2 -> b.service(id = id("svc"), "archive", null);
                case 3 -> b.subProcess(id = id("sub"), "other");
                case 4 -> {
                    id = id("x");
                    b.exclusive(id);
                    List<String> exits = new ArrayList<>();
                    branches(id, depth, true, exits::addAll);
                    return new Block(id, exits);
                }
                default -> {
                    id = id(kind == 5 ? "p" : "i");
                    if (kind == 5) {
                        b.parallel(id);
                    } else {
                        b.inclusive(id);
                    }
                    String join = id("j");
                    b.join(join, id);
                    branches(id, depth, kind == 6, exits -> exits.forEach(x -> b.route(x, join)));
                    return new Block(id, new ArrayList<>(List.of(join)));
                }
            }
            return new Block(id, new ArrayList<>(List.of(id)));
        }

        private void branches(String split, int depth, boolean conditional,
                              java.util.function.Consumer<List<String>> exits) {
            int count = 2 + pick(2);
            boolean withDefault = conditional && pick(2) == 0;
            for (int i = 0; i < count; i++) {
                Block branch = sequence(depth + 1);
                if (!conditional) {
                    b.route(split, branch.entry);
                } else if (withDefault && i == count - 1) {
                    b.otherwise(split, branch.entry);
                } else {
                    b.when(split, branch.entry, "form.days > " + i);
                }
                exits.accept(branch.exits);
            }
        }
    }
}
