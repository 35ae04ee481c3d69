package dev.oakit.workflow.internal.expr;

import dev.oakit.core.ValidationException;
import dev.oakit.workflow.WorkflowErrors;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and caches the branch conditions of process definitions, written in Google's Common
 * Expression Language (CEL): {@code form.days > 3}, {@code 'finance' in initiator.roles}.
 *
 * <p>CEL is the sandbox DESIGN.md asks for: it is not Turing-complete, has no access to Java classes,
 * no side effects and no I/O. Only CEL's standard functions and macros ({@code has}, {@code all},
 * {@code exists}, {@code exists_one}, {@code map}, {@code filter}) exist; no custom function is
 * registered. Cost is bounded by the limits below, checked at compile time except
 * {@link #MAX_ITERATIONS}, which CEL counts during each evaluation.
 *
 * <p>Three variables are declared, each a map from string to any value:
 * {@code form} (the form data), {@code initiator} ({@code id}, {@code name}, {@code departmentId},
 * {@code roles}, {@code attributes}) and {@code instance} ({@code priority}, {@code businessKey}).
 * See {@link ConditionValues} for how Java values are presented and docs/conditions.md for the rules.
 *
 * <p>Comparisons of a field with a literal joined by {@code &&}, {@code ||} and {@code !( )} ({@link PlainCondition}) are
 * recognised from their text: they are checked without CEL, and evaluated without it where the data is plain. CEL's
 * environment ({@link CelConditions}, one per JVM) is built by the first condition that needs it, to check a condition
 * of any other kind or to evaluate what Java leaves to CEL; a JVM whose conditions never do loads none of CEL. A
 * definition with a condition of another kind starts that build on a background thread when it is deployed or loaded
 * ({@link #prepare}), so that its first command finds CEL built.
 *
 * <p>One instance per engine. Thread-safe: conditions and CEL's programs are immutable, and the cache of the last
 * {@value #CACHE_SIZE} compiled conditions is a concurrent map.
 */
public final class Conditions {
    /** Longest accepted condition, in characters. */
    public static final int MAX_LENGTH = 2_000;
    /** Most loop iterations (all / exists / map / filter, nested ones counted together) in one evaluation. */
    public static final int MAX_ITERATIONS = 10_000;
    /** Deepest nesting of parentheses, operators and calls the parser accepts. */
    public static final int MAX_NESTING = 100;
    /** Most syntax nodes (names, literals, operators) in one condition. */
    public static final int MAX_NODES = 2_000;
    /** Largest regular expression program for {@code matches()} (RE2: linear time, no backtracking). */
    public static final int MAX_REGEX_PROGRAM_SIZE = 1_000;
    /** How many compiled conditions are kept, least recently used dropped first. */
    public static final int CACHE_SIZE = 1_000;

    /** The variables a condition may use, in the order error messages list them. */
    static final List<String> VARIABLES = List.of("form", "initiator", "instance");

    static final String PATH = "condition";

    /** A cached condition with when it was last used, for dropping the least recently used. */
    private static final class Cached {
        final Condition condition;
        volatile long used = System.nanoTime();

        Cached(Condition condition) {
            this.condition = condition;
        }
    }

    /**
     * Read without a lock (every branch of every command looks here); only an insert past the bound scans for the least
     * recently used entry, which compiling a new condition costs far more than.
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final int cacheSize;

    /** Creates the conditions of one engine (CEL's environment, with the OA variables and the limits above, when first needed); does no I/O. */
    public Conditions() {
        this(CACHE_SIZE);
    }

    Conditions(int cacheSize) {
        if (cacheSize < 1) {
            // the eviction loop below could never bring the cache down to zero entries
            throw new IllegalArgumentException("cacheSize must be at least 1, was " + cacheSize + "; pass 1 or more");
        }
        this.cacheSize = cacheSize;
    }

    /**
     * Compiles and type-checks a condition without throwing; use it to validate definitions and show
     * every problem to the person who wrote them.
     *
     * @param expression the condition; never null
     * @return one human-readable message per problem, with its column; empty when the condition is valid
     */
    public List<String> check(String expression) {
        Objects.requireNonNull(expression, "expression");
        if (cache.containsKey(expression)) {
            return List.of();
        }
        Compiled compiled = analyse(expression);
        if (compiled.problems().isEmpty()) {
            remember(expression, compiled);
        }
        return compiled.problems();
    }

    /**
     * Returns the compiled condition, from the cache when it was compiled before.
     *
     * @param expression the condition; never null
     * @return the compiled condition; never null
     * @throws ValidationException with code {@code OA-WF/CONDITION_INVALID} and one problem with path
     *         {@code condition} for each message {@link #check} would give
     */
    public Condition compile(String expression) {
        Objects.requireNonNull(expression, "expression");
        Cached cached = cache.get(expression);
        if (cached != null) {
            cached.used = System.nanoTime();
            return cached.condition;
        }
        Compiled compiled = analyse(expression);
        if (!compiled.problems().isEmpty()) {
            throw new ValidationException(WorkflowErrors.CONDITION_INVALID, "condition '" + Condition.shorten(expression) + "'",
                    compiled.problems().stream().map(p -> new ValidationException.Problem(PATH, p)).toList());
        }
        return remember(expression, compiled);
    }

    /**
     * Starts building CEL's environment on a background daemon thread ({@link CelWarmUp}: once per JVM, unless
     * {@code oakit.preinitialize} is {@code false}) when one of the conditions is one only CEL reads, so that the first
     * command reaching it does not build it inside its transaction. Call it where a definition's conditions become known:
     * at deploy, before they are checked, and when a definition is loaded. Returns at once; reads the texts only.
     *
     * @param expressions the conditions, null ones (routes without a condition) skipped; never null
     */
    public static void prepare(Iterable<String> expressions) {
        for (String expression : expressions) {
            if (expression != null && !expression.isBlank() && expression.length() <= MAX_LENGTH
                    && PlainCondition.parse(expression) == null) {
                CelWarmUp.start();
                return;
            }
        }
    }

    /** @return how many compiled conditions the cache holds now */
    int cached() {
        return cache.size();
    }

    private Condition remember(String expression, Compiled compiled) {
        Condition condition = new Condition(expression, compiled.plain(), compiled.program());
        // two threads compiling the same text both succeed; the first one cached wins
        Cached previous = cache.putIfAbsent(expression, new Cached(condition));
        if (previous != null) {
            return previous.condition;
        }
        while (cache.size() > cacheSize) {
            cache.entrySet().stream().filter(e -> !e.getKey().equals(expression))
                    .min(java.util.Comparator.comparingLong(e -> e.getValue().used))
                    .ifPresent(e -> cache.remove(e.getKey(), e.getValue()));
        }
        return condition;
    }

    /** A condition read: recognised from its text, or checked by CEL (its program), or its problems. */
    private record Compiled(PlainCondition plain, CelConditions.Program program, List<String> problems) {
    }

    private static Compiled analyse(String expression) {
        if (expression.isBlank()) {
            return new Compiled(null, null, List.of("the condition is empty; write one such as form.days > 3"));
        }
        if (expression.length() > MAX_LENGTH) {
            return new Compiled(null, null, List.of("the condition is " + expression.length() + " characters long; the limit is "
                    + MAX_LENGTH + ". Split the decision over several branches or compute a form field"));
        }
        PlainCondition plain = PlainCondition.parse(expression);
        if (plain != null) {
            return new Compiled(plain, null, List.of());
        }
        CelConditions.Checked checked = CelConditions.check(expression);
        return new Compiled(null, checked.program(), checked.problems());
    }
}
