package dev.oakit.workflow.internal.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.oakit.core.ValidationException;
import dev.oakit.workflow.WorkflowErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p>One instance per engine, over one CEL environment per JVM. Thread-safe: the CEL environment and compiled programs are immutable,
 * and the cache of the last {@value #CACHE_SIZE} compiled conditions is a concurrent map.
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

    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)' \\(in container '[^']*'\\)");

    /**
     * The CEL environment, one per JVM: it is immutable and thread-safe, and building it (the parser,
     * the checker's standard declarations, the runtime's function bindings and descriptor pool) costs
     * a cold JVM a few hundred milliseconds. The first engine built starts it on a daemon thread, so
     * that it is ready, warmed by one compiled condition, by the time the first definition is deployed
     * (the migrations of {@code start()} run meanwhile); whoever needs it first waits for it.
     */
    private static final class Shared {
        private static final CompletableFuture<Cel> CEL = CompletableFuture.supplyAsync(Shared::prepare, runnable -> {
            Thread t = new Thread(runnable, "oakit-conditions-init");
            t.setDaemon(true);
            t.start();
        });

        private static Cel prepare() {
            Cel cel = create();
            try {
                cel.createProgram(cel.compile("form.days > 3 && 'x' in initiator.roles").getAst()).eval(Map.of(
                        "form", Map.of("days", 1L), "initiator", Map.of("roles", List.of()), "instance", Map.of()));
            } catch (CelValidationException | CelEvaluationException e) {
                throw new IllegalStateException("CEL rejected OAKit's warm-up condition", e);
            }
            return cel;
        }

        /** Starts building the environment (on first call, by loading this class), off the caller's thread. */
        static void start() {
            // the class initialiser does it
        }

        private static Cel get() {
            try {
                return CEL.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IllegalStateException("the CEL environment could not be built", e.getCause());
            }
        }
    }

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

    /** Creates the conditions of one engine over the JVM's CEL environment (with the OA variables and the limits above); does no I/O. */
    public Conditions() {
        this(CACHE_SIZE);
    }

    Conditions(int cacheSize) {
        if (cacheSize < 1) {
            // the eviction loop below could never bring the cache down to zero entries
            throw new IllegalArgumentException("cacheSize must be at least 1, was " + cacheSize + "; pass 1 or more");
        }
        Shared.start();
        this.cacheSize = cacheSize;
    }

    private static Cel create() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_LENGTH)
                .maxParseRecursionDepth(MAX_NESTING)
                .maxParseExpressionNodeCount(MAX_NODES)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
                // 3 < 3.5 and form.days > 3 for days = 3.0: numbers compare by value, whatever their type
                .enableHeterogeneousNumericComparisons(true)
                .errorOnIntWrap(true)
                .build();
        MapType map = MapType.create(SimpleType.STRING, SimpleType.DYN);
        var builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        VARIABLES.forEach(name -> builder.addVar(name, map));
        return builder.build();
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
            remember(expression, compiled.ast());
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
        return remember(expression, compiled.ast());
    }

    /** @return how many compiled conditions the cache holds now */
    int cached() {
        return cache.size();
    }

    private Condition remember(String expression, CelAbstractSyntaxTree ast) {
        Condition condition;
        try {
            condition = new Condition(expression, Shared.get().createProgram(ast), Comparison.of(ast));
        } catch (CelEvaluationException e) {
            // the checker accepted it, so this is a CEL defect rather than the author's mistake
            throw new IllegalStateException("CEL could not plan the checked condition '" + expression + "'", e);
        }
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

    private record Compiled(CelAbstractSyntaxTree ast, List<String> problems) {
    }

    private Compiled analyse(String expression) {
        if (expression.isBlank()) {
            return new Compiled(null, List.of("the condition is empty; write one such as form.days > 3"));
        }
        if (expression.length() > MAX_LENGTH) {
            return new Compiled(null, List.of("the condition is " + expression.length() + " characters long; the limit is "
                    + MAX_LENGTH + ". Split the decision over several branches or compute a form field"));
        }
        Cel cel = Shared.get();
        CelValidationResult parsed = cel.parse(expression);
        if (parsed.hasError()) {
            return new Compiled(null, describe(parsed, true));
        }
        CelValidationResult result = cel.check(ast(parsed, expression));
        if (result.hasError()) {
            return new Compiled(null, describe(result, false));
        }
        CelAbstractSyntaxTree ast = ast(result, expression);
        CelKind kind = ast.getResultType().kind();
        // a dynamic result (a bare field such as form.urgent) can only be checked when evaluated
        if (kind != CelKind.BOOL && kind != CelKind.DYN) {
            return new Compiled(null, List.of("the condition gives a value of type " + ast.getResultType().name()
                    + ", not true or false; compare it, for example form.days > 3"));
        }
        return new Compiled(ast, List.of());
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result, String expression) {
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException("CEL reported no error but gave no syntax tree for '" + expression + "'", e);
        }
    }

    private static List<String> describe(CelValidationResult result, boolean syntax) {
        List<String> problems = new ArrayList<>();
        for (CelIssue issue : result.getErrors()) {
            // CEL's parser doubles every '%' of a syntax error's message, as if it were a format; nothing formats it
            String message = syntax ? issue.getMessage().replace("%%", "%") : issue.getMessage();
            problems.add(describe(issue, message));
        }
        return List.copyOf(problems);
    }

    private static String describe(CelIssue issue, String text) {
        String message = text;
        Matcher undeclared = UNDECLARED.matcher(message);
        if (undeclared.matches()) {
            message = "unknown name '" + undeclared.group(1) + "'; a condition can use only the variables "
                    + String.join(", ", VARIABLES) + " and CEL's standard functions";
        }
        CelSourceLocation at = issue.getSourceLocation();
        if (at.getLine() < 1) {
            return message;
        }
        return (at.getLine() > 1 ? "line " + at.getLine() + ", " : "") + "column " + (at.getColumn() + 1) + ": " + message;
    }
}
