package dev.oakit.http.internal;

import dev.oakit.core.OaException;
import dev.oakit.http.HttpErrors;

/** {@code If-Match} named an ETag the resource no longer has: 412. */
final class PreconditionFailed extends OaException {
    private static final long serialVersionUID = 1L;

    PreconditionFailed(String message) {
        super(HttpErrors.PRECONDITION_FAILED, message, null);
    }
}
