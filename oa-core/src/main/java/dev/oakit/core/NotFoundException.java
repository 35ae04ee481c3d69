package dev.oakit.core;

import org.apiguardian.api.API;

/**
 * An object that was asked for does not exist in the actor's tenant (an unknown id, or an id of another tenant: the two are indistinguishable on purpose).
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class NotFoundException extends OaException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code stable error code, e.g. {@code OA-CORE/NOT_FOUND}
     * @param message names the object, the id and what to do
     */
    public NotFoundException(String code, String message) {
        super(code, message, null);
    }

    /** Uses the generic code {@code OA-CORE/NOT_FOUND}. */
    public NotFoundException(String message) {
        this(CoreErrors.NOT_FOUND, message);
    }
}
