package dev.oakit.workflow.internal.expr;

import dev.oakit.core.ValidationException;
import dev.oakit.workflow.WorkflowErrors;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checked branch condition, made by {@link Conditions#compile}: a {@link PlainCondition} answered in Java where its data is
 * plain, with CEL's program planned on the first evaluation Java leaves to CEL, or a CEL program from the start. Names no
 * CEL type, so that loading it loads none of CEL. Immutable once its program is planned, and thread-safe: any number of
 * threads may evaluate it at once.
 */
public final class Condition {
    private static final int SHOWN_LENGTH = 120;

    private final String expression;
    /** The condition as recognised from its text, or null for one only CEL reads. */
    private final PlainCondition plain;
    /** CEL's program: from the start for a condition only CEL reads, else planned when first needed (a race plans it twice, harmlessly). */
    private volatile CelConditions.Program program;

    Condition(String expression, PlainCondition plain, CelConditions.Program program) {
        this.expression = expression;
        this.plain = plain;
        this.program = program;
    }

    /** @return the condition's text as written; never null */
    public String expression() {
        return expression;
    }

    /**
     * Evaluates the condition.
     *
     * @param variables {@code form}, {@code initiator} and {@code instance}, each a map (or a record or
     *        Jackson object); a missing or null one is an empty map. Never null
     * @return whether the condition holds
     * @throws IllegalArgumentException for a variable name other than form, initiator and instance
     * @throws ValidationException with code {@code OA-WF/CONDITION_FAILED}, path {@code condition}, naming
     *         the expression and the cause: a missing key, a type mismatch, division by zero, the
     *         iteration limit, a result that is not a boolean, or data that cannot be presented to CEL
     */
    public boolean evaluate(Map<String, ?> variables) {
        Objects.requireNonNull(variables, "variables");
        for (String name : variables.keySet()) {
            if (!Conditions.VARIABLES.contains(name)) {
                throw new IllegalArgumentException("unknown condition variable '" + name + "'; conditions know "
                        + String.join(", ", Conditions.VARIABLES));
            }
        }
        Boolean inJava = plain == null ? null : plain.evaluate(variables);
        return inJava != null ? inJava : evaluateInCel(variables);
    }

    /** @return whether the condition was recognised from its text, answered in Java where the data is plain */
    boolean comparesInJava() {
        return plain != null;
    }

    /** @return whether CEL's program of this condition has been planned */
    boolean planned() {
        return program != null;
    }

    /** {@link #evaluate} by CEL alone (what Java leaves to CEL, and tests comparing the two). */
    boolean evaluateInCel(Map<String, ?> variables) {
        CelConditions.Program p = program;
        if (p == null) {
            CelConditions.Checked checked = CelConditions.check(expression);
            if (checked.program() == null) {
                throw new IllegalStateException("CEL refused the condition '" + expression + "', which OAKit read as valid: "
                        + checked.problems());
            }
            p = checked.program();
            program = p;
        }
        return p.evaluate(variables);
    }

    static ValidationException failure(String expression, String problem, Throwable cause) {
        ValidationException e = new ValidationException(WorkflowErrors.CONDITION_FAILED, "data for condition '" + shorten(expression) + "'",
                List.of(new ValidationException.Problem(Conditions.PATH, problem)));
        if (cause != null) {
            // ValidationException takes no cause; keep CEL's trace for the logs anyway
            e.addSuppressed(cause);
        }
        return e;
    }

    static String shorten(String expression) {
        String oneLine = expression.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SHOWN_LENGTH ? oneLine : oneLine.substring(0, SHOWN_LENGTH - 1) + "…";
    }

    @Override
    public String toString() {
        return "Condition[" + expression + "]";
    }
}
