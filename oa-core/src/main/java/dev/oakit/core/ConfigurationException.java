package dev.oakit.core;

import org.apiguardian.api.API;

import java.util.List;
import java.util.stream.Collectors;

/**
 * OAKit could not be built: every configuration problem found (plugins, config values, data
 * source, definitions) is listed at once, so a host fixes them in one go.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ConfigurationException extends OaException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /** @param problems every problem found, each a sentence naming the object and the fix; at least one */
    public ConfigurationException(List<String> problems) {
        this(problems, null);
    }

    /**
     * @param problems every problem found; at least one
     * @param cause first underlying cause, may be null
     */
    public ConfigurationException(List<String> problems, Throwable cause) {
        super(CoreErrors.CONFIGURATION, "OAKit configuration has " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ":\n" + problems.stream().map(p -> "  - " + p)
                .collect(Collectors.joining("\n")), cause);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, immutable, never empty */
    public List<String> problems() {
        return problems;
    }
}
