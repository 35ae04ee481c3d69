package dev.oakit.core.internal.boot;

import dev.oakit.core.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * OAKit's JVM-wide on/off system properties ({@code -Doakit.preinitialize=false}): {@code true} or {@code false} in any
 * case, blanks around ignored; unset is on. Any other value ({@code off}, {@code no}, {@code 0}) is a configuration
 * problem that {@code build()} reports with the others, never a silent on: a host that wrote {@code =off} meant off.
 */
final class SystemSwitches {
    /** Every switch core reads, in the order {@code build()} reports their problems. */
    static final List<String> ALL = List.of(Preinitializer.PROPERTY, DirectMigrations.PROPERTY);

    private SystemSwitches() {
    }

    /** @return true when the property is unset or true, false when false, null when it is neither */
    static Boolean value(String property, UnaryOperator<String> properties) {
        String v = properties.apply(property);
        if (v == null || v.strip().equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        return v.strip().equalsIgnoreCase("false") ? Boolean.FALSE : null;
    }

    /**
     * @return whether the system property is on
     * @throws ConfigurationException when it is neither true nor false
     */
    static boolean on(String property) {
        Boolean on = value(property, System::getProperty);
        if (on == null) {
            throw new ConfigurationException(problems(List.of(property), System::getProperty));
        }
        return on;
    }

    /** @return a problem for each of {@code names} whose value is neither true nor false, naming it, its value and the fix */
    static List<String> problems(List<String> names, UnaryOperator<String> properties) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (value(name, properties) == null) {
                problems.add("system property " + name + " is '" + properties.apply(name)
                        + "'; use true or false (or leave it unset for true)");
            }
        }
        return problems;
    }
}
