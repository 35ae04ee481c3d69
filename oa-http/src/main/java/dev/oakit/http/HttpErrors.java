package dev.oakit.http;

import org.apiguardian.api.API;

/**
 * The stable error codes of the HTTP layer; the engine's own codes ({@code OA-CORE/...}, {@code OA-WF/...})
 * pass through unchanged in the {@code code} member of every problem document.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HttpErrors {
    /** No credentials in the request, or the {@link dev.oakit.http.spi.ActorResolver} found no actor: 401. */
    public static final String UNAUTHENTICATED = "OA-HTTP/UNAUTHENTICATED";
    /** Credentials were present but invalid (bad signature, expired, wrong issuer or audience): 401. */
    public static final String INVALID_TOKEN = "OA-HTTP/INVALID_TOKEN";
    /** The body is not JSON of the expected shape, or a query parameter has the wrong type: 400. */
    public static final String BAD_REQUEST = "OA-HTTP/BAD_REQUEST";
    /** No endpoint at this path: 404. */
    public static final String NO_ROUTE = "OA-HTTP/NO_ROUTE";
    /** The path exists but not with this method: 405. */
    public static final String METHOD_NOT_ALLOWED = "OA-HTTP/METHOD_NOT_ALLOWED";
    /** {@code If-Match} named an ETag the resource no longer has: 412. */
    public static final String PRECONDITION_FAILED = "OA-HTTP/PRECONDITION_FAILED";
    /** A state-changing request without a bearer token lacked the {@code X-Requested-With} header: 403. */
    public static final String CSRF = "OA-HTTP/CSRF";
    /** An unexpected failure; the server log has the details: 500. */
    public static final String INTERNAL = "OA-HTTP/INTERNAL";

    private HttpErrors() {
    }
}
