package dev.oakit.core;

import org.apiguardian.api.API;

/**
 * The actor may not do what it asked; the message names who may.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ForbiddenException extends OaException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code stable error code, e.g. {@code OA-CORE/FORBIDDEN}
     * @param message names the object, the id and what to do
     */
    public ForbiddenException(String code, String message) {
        super(code, message, null);
    }

    /** Uses the generic code {@code OA-CORE/FORBIDDEN}. */
    public ForbiddenException(String message) {
        this(CoreErrors.FORBIDDEN, message);
    }
}
