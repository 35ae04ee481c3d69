package dev.oakit.http;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Which browser origins may call the API from another site (CORS). The default {@link #none()} sends no
 * CORS headers, so only same-origin pages and non-browser clients can call.
 *
 * @param allowedOrigins exact origins such as {@code https://oa.example.com}; {@code *} allows any origin
 *     (never together with credentials); never null
 * @param allowCredentials whether browsers may send cookies ({@code Access-Control-Allow-Credentials})
 * @param maxAge how long a browser may cache a preflight answer; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Cors(List<String> allowedOrigins, boolean allowCredentials, Duration maxAge) {
    /** Validates: {@code *} with credentials is refused, as browsers refuse it. */
    public Cors {
        allowedOrigins = List.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        Objects.requireNonNull(maxAge, "maxAge");
        if (allowCredentials && allowedOrigins.contains("*")) {
            throw dev.oakit.core.ValidationException.of("allowedOrigins",
                    "'*' cannot be combined with allowCredentials; list the exact origins instead");
        }
    }

    /** @return no cross-origin access */
    public static Cors none() {
        return new Cors(List.of(), false, Duration.ofMinutes(10));
    }

    /** @return the given origins, without cookies (bearer tokens only) */
    public static Cors allow(String... origins) {
        return new Cors(List.of(origins), false, Duration.ofMinutes(10));
    }

    /** @return the same origins, with cookies allowed */
    public Cors withCredentials() {
        return new Cors(allowedOrigins, true, maxAge);
    }

    /** @return true if a request from {@code origin} may be answered with CORS headers */
    public boolean allows(String origin) {
        return origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
    }
}
