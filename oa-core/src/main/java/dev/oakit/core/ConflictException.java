package dev.oakit.core;

import org.apiguardian.api.API;

/**
 * The command lost a race or does not fit the current state (stale version, illegal transition, duplicate key); nothing was changed. Retrying with fresh state may succeed.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ConflictException extends OaException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code stable error code, e.g. {@code OA-CORE/CONFLICT}
     * @param message names the object, the id and what to do
     */
    public ConflictException(String code, String message) {
        super(code, message, null);
    }

    /** Uses the generic code {@code OA-CORE/CONFLICT}. */
    public ConflictException(String message) {
        this(CoreErrors.CONFLICT, message);
    }
}
