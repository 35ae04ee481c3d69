package dev.oakit.core.testing;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The committed API baseline of a published module: the signatures of every public and protected member of its
 * public types outside {@code internal} packages (the {@code @API} types), one line each, in
 * {@code api/<module>.txt} at the repository root. A module's {@code ApiBaselineTest} compares its compiled classes
 * with that file and fails with the lines that differ and what to do; with {@code -Doakit.api.update=true} it
 * writes the file instead. The release compares the jars with the previous release's by japicmp as well
 * (docs/releasing.md); this check is the cheap one that runs in every build.
 */
public final class ApiBaseline {
    /** The system property that makes {@link #check} write the baseline instead of comparing. */
    public static final String UPDATE = "oakit.api.update";

    private static final String API = "org.apiguardian.api.API";

    private ApiBaseline() {
    }

    /**
     * Compares the API of the module whose tests run now (Maven runs them in the module's directory) with
     * {@code ../api/<module>.txt}, or writes that file when {@value #UPDATE} is true.
     *
     * @param module the module's artifact id, the baseline file's name
     * @throws AssertionError naming every line that differs, and the fix
     */
    public static void check(String module) {
        Path moduleDir = Path.of("").toAbsolutePath();
        if (!moduleDir.getFileName().toString().equals(module)) {
            // a module whose own tests cannot hold the check (oa-testing-base: oa-core's tests depend on it)
            // is checked from a module that depends on it, over its compiled classes beside this one
            moduleDir = moduleDir.getParent().resolve(module);
        }
        Path file = moduleDir.getParent().resolve("api").resolve(module + ".txt");
        List<String> current = signatures(moduleDir.resolve("target/classes"));
        String regenerate = "mvn -B -q -pl " + module + " -am test -Dtest=ApiBaselineTest -D" + UPDATE + "=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false";
        if (Boolean.getBoolean(UPDATE)) {
            write(file, current);
            return;
        }
        if (!Files.exists(file)) {
            throw new AssertionError("No API baseline " + file + " for " + module + "; create it with\n  " + regenerate);
        }
        List<String> committed = read(file);
        String diff = diff(committed, current);
        if (!diff.isEmpty()) {
            throw new AssertionError("The public API of " + module + " is not the one in api/" + module + ".txt"
                    + " (- in the baseline only, + in the code only):\n" + diff
                    + "\nIf the change is intended, regenerate the baseline with\n  " + regenerate
                    + "\nand add a line to CHANGELOG.md under Unreleased. Removing or changing a member of a STABLE"
                    + " type needs a release that deprecates it first and a note in docs/upgrading.md"
                    + " (docs/releasing.md, API compatibility).");
        }
    }

    /**
     * @param classes a directory of compiled classes
     * @return the signature lines of the public types outside {@code internal} packages found there, sorted
     */
    public static List<String> signatures(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("no compiled classes under " + classes + "; run the test through Maven");
        }
        Set<String> lines = new TreeSet<>();
        // only this module's classes: resolving every referenced library class from the class path would cost
        // seconds and change nothing in the lines, which name other types only
        JavaClasses imported = ArchConfiguration.withThreadLocalScope((ArchConfiguration config) -> {
            config.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().importPath(classes);
        });
        for (JavaClass type : imported) {
            if (!published(type)) {
                continue;
            }
            String name = type.getName();
            lines.add(name + " : " + header(type));
            type.getFields().stream().filter(f -> visible(f.getModifiers()))
                    .forEach(f -> lines.add(name + " : " + field(f)));
            type.getCodeUnits().stream()
                    .filter(c -> visible(c.getModifiers()) && !c.getModifiers().contains(JavaModifier.SYNTHETIC)
                            && !c.getModifiers().contains(JavaModifier.BRIDGE) && !c.getName().equals("<clinit>"))
                    .forEach(c -> lines.add(name + " : " + codeUnit(c)));
        }
        return new ArrayList<>(lines);
    }

    private static boolean published(JavaClass type) {
        if (type.getPackageName().contains(".internal") || type.isAnonymousClass() || type.isLocalClass()
                || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        Optional<JavaClass> enclosing = type.getEnclosingClass();
        return enclosing.map(ApiBaseline::published).orElse(true);
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static String header(JavaClass type) {
        // the modifiers a reader writes: none that the kind of type implies
        boolean plainClass = !type.isInterface() && !type.isEnum() && !type.isRecord();
        Set<JavaModifier> shown = EnumSet.noneOf(JavaModifier.class);
        type.getModifiers().stream().filter(m -> m == JavaModifier.PUBLIC || m == JavaModifier.PROTECTED
                || (m == JavaModifier.STATIC && plainClass && type.isNestedClass())
                || ((m == JavaModifier.ABSTRACT || m == JavaModifier.FINAL) && plainClass)).forEach(shown::add);
        StringBuilder s = new StringBuilder(status(type)).append(' ').append(modifiers(shown));
        s.append(type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class");
        s.append(typeParameters(type.getTypeParameters()));
        type.getSuperclass().filter(c -> !type.isEnum() && !type.isRecord()
                && !c.toErasure().getName().equals("java.lang.Object"))
                .ifPresent(c -> s.append(" extends ").append(name(c)));
        List<String> interfaces = type.getInterfaces().stream().map(ApiBaseline::name)
                .filter(n -> !n.startsWith("java.lang.annotation.Annotation")).sorted().toList();
        if (!interfaces.isEmpty()) {
            s.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        return s.toString();
    }

    /** The type's own {@code @API} status, or that of the type it is nested in. */
    private static String status(JavaClass type) {
        return type.tryGetAnnotationOfType(API)
                .map(a -> "@API(" + ((JavaEnumConstant) a.get("status").orElseThrow()).name()
                        + a.get("since").map(since -> ", since " + since).orElse("") + ")")
                .orElseGet(() -> type.getEnclosingClass().map(ApiBaseline::status).orElse("@API(none)"));
    }

    private static String field(JavaField f) {
        return modifiers(f.getModifiers()) + name(f.getType()) + " " + f.getName();
    }

    private static String codeUnit(JavaCodeUnit c) {
        String params = c.getParameterTypes().stream().map(ApiBaseline::name).collect(Collectors.joining(", "));
        String throwsClause = c.getThrowsClause().getTypes().stream().map(JavaClass::getName).sorted()
                .collect(Collectors.joining(", "));
        String name = c.isConstructor() ? "new" : name(c.getReturnType()) + " " + c.getName();
        return modifiers(c.getModifiers()) + typeParameters(c.getTypeParameters()) + (c.getTypeParameters().isEmpty() ? "" : " ")
                + name + "(" + params + ")" + (throwsClause.isEmpty() ? "" : " throws " + throwsClause);
    }

    private static String typeParameters(List<? extends JavaTypeVariable<?>> variables) {
        if (variables.isEmpty()) {
            return "";
        }
        return variables.stream().map(v -> {
            List<String> bounds = v.getUpperBounds().stream().map(ApiBaseline::name)
                    .filter(n -> !n.equals("java.lang.Object")).toList();
            return bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds);
        }).collect(Collectors.joining(", ", "<", ">"));
    }

    /** A type as Java source writes it, with {@code []} for arrays; nested types keep their {@code $}. */
    private static String name(JavaType type) {
        if (type instanceof JavaClass c && c.isArray()) {
            return name(c.getComponentType()) + "[]";
        }
        return type.getName();
    }

    private static String modifiers(Set<JavaModifier> modifiers) {
        StringBuilder s = new StringBuilder();
        for (JavaModifier m : List.of(JavaModifier.PUBLIC, JavaModifier.PROTECTED, JavaModifier.ABSTRACT,
                JavaModifier.STATIC, JavaModifier.FINAL)) {
            if (modifiers.contains(m)) {
                s.append(m.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
            }
        }
        return s.toString();
    }

    /** The lines only in {@code baseline} with "- ", then those only in {@code current} with "+ ". */
    static String diff(List<String> baseline, List<String> current) {
        Set<String> removed = new LinkedHashSet<>(baseline);
        current.forEach(removed::remove);
        Set<String> added = new LinkedHashSet<>(current);
        baseline.forEach(added::remove);
        StringBuilder s = new StringBuilder();
        removed.forEach(l -> s.append("- ").append(l).append('\n'));
        added.forEach(l -> s.append("+ ").append(l).append('\n'));
        return s.toString();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, List<String> lines) {
        List<String> out = new ArrayList<>();
        out.add("# The public API of this module, checked by its ApiBaselineTest; regenerate it with");
        out.add("# -D" + UPDATE + "=true when a change is intended (docs/releasing.md).");
        out.addAll(lines);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
