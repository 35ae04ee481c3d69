package dev.oakit.workflow.internal.definition;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowErrors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Sub-process calls between processes. A cycle (A starts B, B starts A) would start instances
 * without end: at once, when nobody has to act on the way, or one more each time someone approves.
 * A deploy that closes a cycle through the latest versions is refused ({@link #cycles}); a start
 * that would repeat a process on its own chain of callers, or nest deeper than {@link #MAX_DEPTH},
 * is stopped ({@link #call}), which catches the cycles a deploy could not see (two nodes deploying
 * at the same moment, definitions deployed before this check). Pure; thread-safe.
 */
public final class SubProcessCalls {
    /** The deepest nesting of sub-processes a start may reach (a process at level 10 may not start another). */
    public static final int MAX_DEPTH = 10;

    private SubProcessCalls() {
    }

    /**
     * The cycles that deploying {@code d} would close: one problem per sub-process node of {@code d}
     * from which the calls lead back to {@code d}'s key, on {@code nodes[i].process}, naming the cycle.
     *
     * @param latest the latest deployed definition of a key, empty when none is deployed
     */
    public static List<Problem> cycles(ProcessDefinition d, Function<String, Optional<ProcessDefinition>> latest) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < d.nodes().size(); i++) {
            if (d.nodes().get(i) instanceof Node.SubProcess s && s.process() != null && !s.process().equals(d.key())) {
                List<String> path = new ArrayList<>(List.of(d.key()));
                List<String> cycle = back(d.key(), s.process(), path, new HashSet<>(), latest);
                if (cycle != null) {
                    problems.add(new Problem("nodes[" + i + "].process", "starts process '" + s.process() + "', whose sub-processes lead back to '"
                            + d.key() + "': " + String.join(" → ", cycle) + "; sub-process calls may not form a cycle (every start would"
                            + " start the next without end): remove one call, or first deploy a version of '" + cycle.get(cycle.size() - 2)
                            + "' that does not call back"));
                }
            }
        }
        return problems;
    }

    private static List<String> back(String root, String key, List<String> path, Set<String> seen,
                                     Function<String, Optional<ProcessDefinition>> latest) {
        path.add(key);
        if (key.equals(root)) {
            return List.copyOf(path);
        }
        if (seen.add(key)) {
            for (Node n : latest.apply(key).map(ProcessDefinition::nodes).orElse(List.of())) {
                if (n instanceof Node.SubProcess s && s.process() != null) {
                    List<String> found = back(root, s.process(), path, seen, latest);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    /**
     * Checks a sub-process start at run time.
     *
     * @param callers the process keys of the instances above the caller, outermost first (empty at the top)
     * @param caller the process key of the instance whose node starts the sub-process
     * @return the keys of the instances above the new one, outermost first: {@code callers} and {@code caller}
     * @throws ConflictException {@code OA-WF/SUBPROCESS_CYCLE} when {@code callee} is on that chain already,
     *                           {@code OA-WF/SUBPROCESS_DEPTH} when the new instance would nest deeper than {@link #MAX_DEPTH}
     */
    public static List<String> call(List<String> callers, String caller, String callee, long instanceId, String nodeId) {
        List<String> chain = new ArrayList<>(callers == null ? List.of() : callers);
        chain.add(caller);
        String path = String.join(" → ", chain) + " → " + callee;
        String where = "node '" + nodeId + "' of instance " + instanceId + " (process '" + caller + "')";
        if (chain.contains(callee)) {
            throw new ConflictException(WorkflowErrors.SUBPROCESS_CYCLE, where + " would start process '" + callee
                    + "' inside itself: " + path + "; sub-process calls may not form a cycle: deploy a version of '" + caller
                    + "' that does not call '" + callee + "', then retry");
        }
        if (chain.size() > MAX_DEPTH) {
            throw new ConflictException(WorkflowErrors.SUBPROCESS_DEPTH, where + " would nest sub-processes deeper than " + MAX_DEPTH
                    + " levels: " + path + "; flatten the processes");
        }
        return chain;
    }
}
