package dev.oakit.workflow.internal.expr;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
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
import dev.cel.runtime.CelRuntime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything of the conditions that is CEL's: the environment (one per JVM, built by the first condition that needs it, or
 * ahead of it on {@link CelWarmUp}'s thread), checking a condition with CEL's parser and checker, and evaluating its
 * program with CEL's error messages. The only class of this package that names CEL's types besides
 * {@link ConditionValues}, so that a JVM whose conditions are all {@link PlainCondition}s with plain data loads none of CEL
 * (protobuf, ANTLR and RE2J with it: about 1,350 classes). Thread-safe.
 */
final class CelConditions {
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)' \\(in container '[^']*'\\)");
    private static final Pattern MISSING_KEY = Pattern.compile("key '([^']*)' is not present");
    private static final Pattern CEL_POSITION = Pattern.compile("(?s)evaluation error at <input>:(\\d+): (.*)");
    /** The background build's condition: a macro, a comparison, a list membership and a function, each with its classes. */
    private static final String WARM_UP = "has(form.days) && form.days > 3 && 'finance' in initiator.roles && form.type.startsWith('a')";

    private static final Object LOCK = new Object();
    private static final AtomicInteger BUILDS = new AtomicInteger();
    /** The environment: immutable and thread-safe once built. */
    private static volatile Cel cel;
    /** The name of the thread that built the environment (null before), for tests to see who paid for it. */
    private static volatile String builtOn;
    /** Tests only: run before each attempt to build, to make it fail (null: none). */
    static volatile Runnable buildFault;

    private CelConditions() {
    }

    /**
     * The environment, built on the first call in this JVM (a few hundred milliseconds of a cold JVM's CPU: the parser,
     * the checker's standard declarations, the runtime's function bindings), unless the background build of
     * {@link CelWarmUp} was started: then that build is waited for, and made here only if it failed.
     */
    private static Cel cel() {
        Cel built = cel;
        if (built == null) {
            CelWarmUp.awaitBuild();
            built = build();
        }
        return built;
    }

    /** Builds the environment unless it was built before; concurrent callers wait for one build. */
    private static Cel build() {
        Cel built = cel;
        if (built == null) {
            synchronized (LOCK) {
                built = cel;
                if (built == null) {
                    Runnable fault = buildFault;
                    if (fault != null) {
                        fault.run();
                    }
                    built = create();
                    builtOn = Thread.currentThread().getName();
                    BUILDS.incrementAndGet();
                    cel = built;
                }
            }
        }
        return built;
    }

    /**
     * {@link CelWarmUp}'s build: the environment, then one throw-away condition checked, planned and evaluated, since the
     * first condition's parse, check, plan and evaluation load and initialise as many of CEL's classes again. Returns
     * nothing, so that its caller's class names no CEL type.
     */
    static void buildInBackground() {
        Program sample = check(build(), WARM_UP).program();
        sample.evaluate(Map.of("form", Map.of("days", 5, "type", "annual"), "initiator", Map.of("roles", List.of("finance"))));
    }

    /** @return how often the environment was built in this JVM (by this class loader): 0 or 1 */
    static int builds() {
        return BUILDS.get();
    }

    /** @return the name of the thread that built the environment, or null before it was built */
    static String builtOn() {
        return builtOn;
    }

    private static Cel create() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(Conditions.MAX_LENGTH)
                .maxParseRecursionDepth(Conditions.MAX_NESTING)
                .maxParseExpressionNodeCount(Conditions.MAX_NODES)
                .comprehensionMaxIterations(Conditions.MAX_ITERATIONS)
                .maxRegexProgramSize(Conditions.MAX_REGEX_PROGRAM_SIZE)
                // 3 < 3.5 and form.days > 3 for days = 3.0: numbers compare by value, whatever their type
                .enableHeterogeneousNumericComparisons(true)
                .errorOnIntWrap(true)
                .build();
        MapType map = MapType.create(SimpleType.STRING, SimpleType.DYN);
        var builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        Conditions.VARIABLES.forEach(name -> builder.addVar(name, map));
        return builder.build();
    }

    /** A condition as CEL checked it: its program, or the problems. */
    record Checked(Program program, List<String> problems) {
    }

    /**
     * Parses and type-checks a condition (neither blank nor too long: the caller checks that) and plans its program.
     *
     * @return the program, or one human-readable message per problem with its column
     */
    static Checked check(String expression) {
        return check(cel(), expression);
    }

    private static Checked check(Cel cel, String expression) {
        CelValidationResult parsed = cel.parse(expression);
        if (parsed.hasError()) {
            return new Checked(null, describe(parsed, true));
        }
        CelValidationResult result = cel.check(ast(parsed, expression));
        if (result.hasError()) {
            return new Checked(null, describe(result, false));
        }
        CelAbstractSyntaxTree ast = ast(result, expression);
        CelKind kind = ast.getResultType().kind();
        // a dynamic result (a bare field such as form.urgent) can only be checked when evaluated
        if (kind != CelKind.BOOL && kind != CelKind.DYN) {
            return new Checked(null, List.of("the condition gives a value of type " + ast.getResultType().name()
                    + ", not true or false; compare it, for example form.days > 3"));
        }
        try {
            return new Checked(new Program(expression, cel.createProgram(ast)), List.of());
        } catch (CelEvaluationException e) {
            // the checker accepted it, so this is a CEL defect rather than the author's mistake
            throw new IllegalStateException("CEL could not plan the checked condition '" + expression + "'", e);
        }
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
                    + String.join(", ", Conditions.VARIABLES) + " and CEL's standard functions";
        }
        CelSourceLocation at = issue.getSourceLocation();
        if (at.getLine() < 1) {
            return message;
        }
        return (at.getLine() > 1 ? "line " + at.getLine() + ", " : "") + "column " + (at.getColumn() + 1) + ": " + message;
    }

    /** A checked condition's CEL program. Immutable and thread-safe. */
    static final class Program {
        private final String expression;
        private final CelRuntime.Program program;

        private Program(String expression, CelRuntime.Program program) {
            this.expression = expression;
            this.program = program;
        }

        /**
         * @param variables the condition's variables (names checked by the caller)
         * @throws dev.oakit.core.ValidationException as {@link Condition#evaluate} says
         */
        boolean evaluate(Map<String, ?> variables) {
            Map<String, Object> activation = new HashMap<>();
            for (String name : Conditions.VARIABLES) {
                Object value = variables.get(name);
                Object converted;
                try {
                    converted = value == null ? Map.of() : ConditionValues.toCel(value, name);
                } catch (IllegalArgumentException e) {
                    throw Condition.failure(expression, e.getMessage(), e);
                }
                if (!(converted instanceof Map)) {
                    throw Condition.failure(expression, name + " must be a map of names to values, not " + value.getClass().getName(), null);
                }
                activation.put(name, converted);
            }
            Object result;
            try {
                result = program.eval(activation);
            } catch (CelEvaluationException e) {
                throw Condition.failure(expression, explain(e), e);
            }
            if (result instanceof Boolean holds) {
                return holds;
            }
            throw Condition.failure(expression, "the condition gave " + result + " (" + result.getClass().getSimpleName()
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
    }
}
