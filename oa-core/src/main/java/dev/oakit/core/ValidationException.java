package dev.oakit.core;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input was invalid. Carries every problem found at once, each with the path of the field it
 * concerns ({@code items[2].amount}, {@code windows.MONDAY[1].end}) and what to do about it.
 * Nothing was changed when this is thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ValidationException extends OaException {
    private static final long serialVersionUID = 1L;

    /**
     * One problem with one field.
     *
     * @param path the field's path, dotted with indexes in brackets; never null, may be empty for the whole input
     * @param message what is wrong and how to fix it; never null
     */
    public record Problem(String path, String message) {
        /** Checks both components for null. */
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    /**
     * @param code stable code, e.g. {@code OA-CORE/VALIDATION}
     * @param what what was being validated, e.g. {@code "business calendar 'cn-default'"}
     * @param problems every problem found; at least one
     */
    public ValidationException(String code, String what, List<Problem> problems) {
        super(code, "Invalid " + what + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "): "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")), null);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Shortcut for a single problem with code {@code OA-CORE/VALIDATION}. */
    public static ValidationException of(String path, String message) {
        return new ValidationException(CoreErrors.VALIDATION, "input", List.of(new Problem(path, message)));
    }

    /** @return every problem, in the order found; never empty, immutable */
    public List<Problem> problems() {
        return problems;
    }

    /** @return the paths of all problems, convenient in tests and UIs */
    public List<String> paths() {
        return problems.stream().map(Problem::path).toList();
    }
}
