package dev.oakit.http;

import dev.oakit.core.OaException;
import org.apiguardian.api.API;

/**
 * The request's credentials are missing or invalid; oa-http answers 401 with a problem document.
 * An {@link dev.oakit.http.spi.ActorResolver} throws it for credentials it recognises but rejects.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class UnauthenticatedException extends OaException {
    private static final long serialVersionUID = 1L;

    /**
     * @param code {@link HttpErrors#UNAUTHENTICATED} or {@link HttpErrors#INVALID_TOKEN}
     * @param message what was wrong with the credentials and how to get valid ones; never null
     * @param cause the underlying failure, may be null
     */
    public UnauthenticatedException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
