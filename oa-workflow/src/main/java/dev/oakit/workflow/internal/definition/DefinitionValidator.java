package dev.oakit.workflow.internal.definition;

import dev.oakit.core.ValidationException;
import dev.oakit.core.ValidationException.Problem;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowErrors;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks that a {@link ProcessDefinition} holds together before it is deployed, and reports every
 * problem at once, each with its JSON path in the definition's JSON form ({@code nodes[3].approvers[0].level},
 * {@code routes[5].to}). Problems come in a stable order: key and name, nodes in order, routes in
 * order, then graph-level problems (reachability, splits and joins, loops); problems that only follow
 * from another one (a node cut off by a route that names no node) come last and say so
 * ({@link Consequences}). The rules are listed in {@code docs/process-definitions.md}.
 *
 * <p>What this class does not check: the form itself (a {@link FormSchema} checks itself when it is
 * created), whether users, roles and departments exist (that is directory data and changes after
 * deploy), whether a sub-process key is deployed, and the meaning of conditions (the caller passes
 * the expression checker as {@code conditionProblems}).
 *
 * <p>Cycles are allowed (rework loops), but every loop must pass through an exclusive node, which is
 * the only way out of it; every node must still be reachable from the start and have a path to an end.
 *
 * <p>The rules live by concern, each class walked once in the order the problems are reported in,
 * over one {@link DefinitionCheck} (the graph's indexes and the problems so far):
 * {@link StructureRules} (key, name, nodes), {@link ApproverRules} (approval settings, approver and
 * recipient rules), {@link FormRules} (form fields named by the definition), {@link RouteRules}
 * (routes and conditions), {@link GraphRules} (reachability, splits and joins, loops); deadlines are
 * {@code DeadlineRules}'.
 *
 * <p>Stateless and thread-safe; pure Java, no I/O.
 */
public final class DefinitionValidator {
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_NAME = 200;
    static final int MAX_LEVEL = 20;
    static final int MAX_CHOSEN = 50;
    static final int MAX_ATTEMPTS = 100;
    /** {@code form.days} and {@code form["days"]} / {@code form['days']}, not {@code myform.days} or {@code x.form.days}. */
    static final Pattern FORM_REFERENCE = Pattern.compile(
            "(?<![A-Za-z0-9_.])form\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([^\"']*)[\"']\\s*])");

    /**
     * Every problem of a definition, in a stable order.
     *
     * @param d the definition; never null
     * @param conditionProblems the expression checker: for a condition, the messages of its problems
     *                          (empty when it is valid); null to skip that check
     * @param knownResolvers ids of the registered {@link dev.oakit.workflow.spi.ApproverResolver}s; null to skip that check
     * @param knownServiceHandlers ids of the registered {@link dev.oakit.workflow.spi.ServiceTaskHandler}s; null to skip that check
     * @return every problem; empty when the definition is valid; immutable
     */
    public List<Problem> problems(ProcessDefinition d, Function<String, List<String>> conditionProblems,
                                  Set<String> knownResolvers, Set<String> knownServiceHandlers) {
        Objects.requireNonNull(d, "definition");
        DefinitionCheck check = check(d, conditionProblems, knownResolvers, knownServiceHandlers);
        return Consequences.rootsFirst(check, fixed -> check(fixed, conditionProblems, knownResolvers, knownServiceHandlers).result());
    }

    private static DefinitionCheck check(ProcessDefinition d, Function<String, List<String>> conditionProblems,
                                         Set<String> knownResolvers, Set<String> knownServiceHandlers) {
        DefinitionCheck check = new DefinitionCheck(d, conditionProblems, knownResolvers, knownServiceHandlers);
        FormRules forms = new FormRules(check);
        new StructureRules(check, forms, new ApproverRules(check, forms)).check();
        new RouteRules(check, forms).check();
        new GraphRules(check).check();
        check.problems(dev.oakit.workflow.internal.deadline.DeadlineRules.problems(d, null));
        return check;
    }

    /**
     * Checks a definition and throws when it has problems.
     *
     * @throws ValidationException code {@code OA-WF/DEFINITION_INVALID}, every problem listed
     * @see #problems
     */
    public void validate(ProcessDefinition d, Function<String, List<String>> conditionProblems,
                         Set<String> knownResolvers, Set<String> knownServiceHandlers) {
        List<Problem> problems = problems(d, conditionProblems, knownResolvers, knownServiceHandlers);
        if (!problems.isEmpty()) {
            throw new ValidationException(WorkflowErrors.DEFINITION_INVALID, "process definition '" + d.key() + "'", problems);
        }
    }

    /** @return the distinct form field keys a condition reads, in order of appearance */
    static Set<String> formReferences(String condition) {
        return FormRules.formReferences(condition);
    }
}
