package dev.oakit.core.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.Set;

/**
 * A module's packages as slices for ArchUnit's cycle check: each first-level package under the
 * module's root ({@code internal}, {@code spi}, {@code calendar} ...) is one slice, the root
 * package's API types another, and the module's composition root (the plugin class, or oa-core's
 * builder doors), which alone may wire {@code internal}, a third. So a cycle through the root
 * package fails the build like any other, e.g. {@code internal} importing the plugin that wires it.
 *
 * <p>A module whose API spans sub-packages may name the root package's facades that stand above
 * them ({@code TicketRouting} returns the {@code dispatch} package's rules, whose strategies
 * implement the {@code spi}, whose hooks take the root's {@code Ticket}): each is a slice of its
 * own, so the root's records stay below the sub-packages and a cycle back to them still fails.
 */
public final class ModuleSlices implements SliceAssignment {
    private final String root;
    private final Set<String> wiring;
    private final Set<String> above;

    /**
     * @param root the module's root package, e.g. {@code dev.oakit.workflow}
     * @param wiring the simple names of the root package's classes that wire {@code internal}
     *     (their nested classes go with them)
     */
    public ModuleSlices(String root, Set<String> wiring) {
        this(root, wiring, Set.of());
    }

    /**
     * @param root the module's root package, e.g. {@code dev.oakit.ticket}
     * @param wiring the simple names of the root package's classes that wire {@code internal}
     * @param above the simple names of the root package's facades over its API sub-packages
     *     (their nested classes go with them)
     */
    public ModuleSlices(String root, Set<String> wiring, Set<String> above) {
        this.root = root;
        this.wiring = Set.copyOf(wiring);
        this.above = Set.copyOf(above);
    }

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
        String pkg = c.getPackageName();
        if (pkg.equals(root)) {
            String top = c.getName().substring(root.length() + 1).split("\\$", 2)[0];
            if (wiring.contains(top)) {
                return SliceIdentifier.of("wiring (" + top + ")");
            }
            return SliceIdentifier.of(above.contains(top) ? "api above the sub-packages (" + top + ")" : "api (" + root + ")");
        }
        if (pkg.startsWith(root + ".")) {
            return SliceIdentifier.of(pkg.substring(root.length() + 1).split("\\.", 2)[0]);
        }
        return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
        return "the packages of " + root + " by first level, its root's API, its wiring (" + wiring + ")"
                + (above.isEmpty() ? "" : " and its facades over the sub-packages (" + above + ")") + " as slices of their own";
    }
}
