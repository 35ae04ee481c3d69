package dev.oakit.core.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error codes are a type per module: one class of {@code public static final String} constants
 * ({@code CoreErrors}, {@code WorkflowErrors} ...), each code {@code <PREFIX>/<CONSTANT NAME>},
 * unique, with a javadoc line saying what it means; no other main source of the module spells a
 * code out. Each module's architecture test calls {@link #assertCodesAreATypeOfTheirOwn}.
 */
public final class ErrorCodeRules {
    /** An error code in a string literal: {@code OA-<MODULE>/<NAME>}. */
    private static final Pattern CODE = Pattern.compile("OA-[A-Z]+/[A-Z0-9_]*");

    private ErrorCodeRules() {
    }

    /**
     * Fails, naming every problem, unless {@code codes} holds the module's codes as described above.
     *
     * @param codes the module's class of codes
     * @param prefix its codes' prefix, e.g. {@code OA-WF}
     */
    public static void assertCodesAreATypeOfTheirOwn(ModuleSources sources, Class<?> codes, String prefix) {
        List<String> problems = problems(sources, codes, prefix);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problem(s) with the error codes of " + sources.root().getFileName()
                    + " (" + codes.getName() + "):\n  " + String.join("\n  ", problems));
        }
    }

    /** @return one line per problem; empty when the codes are in order */
    public static List<String> problems(ModuleSources sources, Class<?> codes, String prefix) {
        List<String> problems = new ArrayList<>();
        Class<?> top = codes;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        String file = top.getName().replace('.', '/') + ".java";
        ModuleSources.JavaFile own = sources.javaFiles().stream().filter(f -> f.path().toString().replace('\\', '/').endsWith(file))
                .findFirst().orElse(null);
        if (own == null) {
            return List.of("no source file " + file + " in " + sources.root());
        }
        Set<String> values = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Field f : codes.getDeclaredFields()) {
            int m = f.getModifiers();
            if (f.isSynthetic() || !Modifier.isStatic(m)) {
                continue;
            }
            if (!Modifier.isPublic(m) || !Modifier.isFinal(m) || f.getType() != String.class) {
                problems.add(f.getName() + " is not a public static final String code");
                continue;
            }
            String value;
            try {
                value = (String) f.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            names.add(f.getName());
            if (!(prefix + "/" + f.getName()).equals(value)) {
                problems.add(f.getName() + " is '" + value + "'; a code is its prefix and its constant's name: '"
                        + prefix + "/" + f.getName() + "'");
            }
            if (!values.add(value)) {
                problems.add(f.getName() + " repeats the code '" + value + "'");
            }
            Matcher doc = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*public static final String " + f.getName() + "\\b", Pattern.DOTALL)
                    .matcher(own.source());
            if (!doc.find() || doc.group(1).replaceAll("[\\s*]", "").isEmpty()) {
                problems.add(f.getName() + " has no javadoc saying what it means");
            }
        }
        if (names.isEmpty()) {
            problems.add(codes.getName() + " holds no codes");
        }
        for (ModuleSources.JavaFile f : sources.javaFiles()) {
            if (f == own) {
                continue;
            }
            for (ModuleSources.Literal l : f.literals()) {
                Matcher m = CODE.matcher(l.text());
                if (m.find()) {
                    problems.add(l + " spells out the code '" + m.group() + "'; use the constant of its module's codes class");
                }
            }
        }
        return problems;
    }
}
