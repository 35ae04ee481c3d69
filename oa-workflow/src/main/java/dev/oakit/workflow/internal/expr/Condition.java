package dev.oakit.workflow.internal.expr;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.oakit.core.ValidationException;
import dev.oakit.workflow.WorkflowErrors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled, type-checked branch condition, made by {@link Conditions#compile}. Immutable and
 * thread-safe: any number of threads may evaluate it at once.
 */
public final class Condition {
    private static final int SHOWN_LENGTH = 120;
    private static final Pattern MISSING_KEY = Pattern.compile("key '([^']*)' is not present");
    private static final Pattern CEL_POSITION = Pattern.compile("(?s)evaluation error at <input>:(\\d+): (.*)");

    private final String expression;
    private final CelRuntime.Program program;
    /** The condition as a plain comparison answered in Java, or null for none. */
    private final Comparison comparison;

    Condition(String expression, CelRuntime.Program program, Comparison comparison) {
        this.expression = expression;
        this.program = program;
        this.comparison = comparison;
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
        Boolean plain = comparison == null ? null : comparison.evaluate(variables);
        return plain != null ? plain : evaluateInCel(variables);
    }

    /** @return whether the condition is a plain comparison, answered in Java where the data is plain */
    boolean comparesInJava() {
        return comparison != null;
    }

    /** {@link #evaluate} by CEL alone (tests compare the two). */
    boolean evaluateInCel(Map<String, ?> variables) {
        Map<String, Object> activation = new HashMap<>();
        for (String name : Conditions.VARIABLES) {
            Object value = variables.get(name);
            Object converted;
            try {
                converted = value == null ? Map.of() : ConditionValues.toCel(value, name);
            } catch (IllegalArgumentException e) {
                throw failure(e.getMessage(), e);
            }
            if (!(converted instanceof Map)) {
                throw failure(name + " must be a map of names to values, not " + value.getClass().getName(), null);
            }
            activation.put(name, converted);
        }
        Object result;
        try {
            result = program.eval(activation);
        } catch (CelEvaluationException e) {
            throw failure(explain(e), e);
        }
        if (result instanceof Boolean holds) {
            return holds;
        }
        throw failure("the condition gave " + result + " (" + result.getClass().getSimpleName()
                + "), not true or false; compare it, for example form.urgent == true", null);
    }

    private String explain(CelEvaluationException e) {
        String message = e.getMessage();
        Matcher m = CEL_POSITION.matcher(message);
        String where = "";
        if (m.matches()) {
            where = position(Integer.parseInt(m.group(1))) + ": ";
            message = m.group(2);
        }
        CelErrorCode code = e.getErrorCode();
        if (code == CelErrorCode.ATTRIBUTE_NOT_FOUND) {
            Matcher key = MISSING_KEY.matcher(message);
            String field = key.find() ? key.group(1) : "x";
            message += " If the field is optional, test it first, for example has(form." + field + ") && ...";
        } else if (code == CelErrorCode.DIVIDE_BY_ZERO) {
            message = "division by zero";
        } else if (code == CelErrorCode.OVERLOAD_NOT_FOUND) {
            message = "a value has the wrong type for this operator or function (" + message
                    + "); for arithmetic mixing int and double fields, convert with double(...)";
        } else if (code == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
            message = "the condition looped more than " + Conditions.MAX_ITERATIONS + " times; simplify it";
        }
        return where + message;
    }

    private String position(int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, expression.length()); i++) {
            if (expression.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return (line > 1 ? "line " + line + ", " : "") + "column " + column;
    }

    private ValidationException failure(String problem, Throwable cause) {
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
