package dev.oakit.core;

import org.apiguardian.api.API;

import java.util.Objects;

/**
 * The root of every exception OAKit throws to a host. Unchecked, with a stable {@link #code()} a
 * host can switch on (for example {@code OA-CORE/VALIDATION}); the message names the object, the
 * id and what to do. Each module lists its codes, with their meaning, in one class: {@link CoreErrors}
 * for oa-core.
 *
 * <p>Subclasses carry meaning: {@link ValidationException}, {@link NotFoundException},
 * {@link ForbiddenException}, {@link ConflictException}, {@link ConfigurationException},
 * {@link IntegrationException}. Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class OaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code stable error code such as {@code OA-CORE/NOT_FOUND}; never null
     * @param message human-readable explanation naming the object, the id and the fix; never null
     * @param cause underlying cause, may be null
     */
    protected OaException(String code, String message, Throwable cause) {
        super("[" + Objects.requireNonNull(code, "code") + "] " + Objects.requireNonNull(message, "message"), cause);
        this.code = code;
    }

    /** @return the stable error code, e.g. {@code OA-CORE/VALIDATION}; never null */
    public String code() {
        return code;
    }
}
