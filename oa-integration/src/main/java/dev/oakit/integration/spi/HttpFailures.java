package dev.oakit.integration.spi;

import org.apiguardian.api.API;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How an HTTP answer or an I/O failure is classified for a remote write, as a pure function:
 *
 * <ul>
 *   <li>2xx and 3xx: no failure;</li>
 *   <li>408, 423 (locked), 425, 429: {@link RemoteCallException.Kind#RETRYABLE}, surely not applied;</li>
 *   <li>other 4xx (validation, not found, forbidden, conflict): {@link RemoteCallException.Kind#PERMANENT};</li>
 *   <li>5xx: {@link RemoteCallException.Kind#AMBIGUOUS}: the remote may have applied it before failing;</li>
 *   <li>connection refused, connect timeout: retryable; a timeout after sending, a reset or any other
 *       I/O failure: ambiguous.</li>
 * </ul>
 *
 * A wait the remote asks for is honoured: {@code Retry-After} (seconds or an HTTP date), else
 * {@code RateLimit-Reset} / {@code X-RateLimit-Reset} (seconds, or an epoch second) when
 * {@code X-RateLimit-Remaining} / {@code RateLimit-Remaining} is 0. A connector whose remote says
 * more (Frappe's 417 with a lock message, a 409 that means "exists already") classifies those
 * answers itself before calling this.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HttpFailures {
    private static final int MAX_ERROR = 4000;

    private HttpFailures() {
    }

    /**
     * @param what the call, for the message: target, operation, method and path (never a secret)
     * @param status the HTTP status
     * @param headers the answer's headers
     * @param body the answer's body (kept, cut, as the remote's error)
     * @param now the current time, for date and epoch headers
     * @return the failure, or empty for a success
     */
    public static Optional<RemoteCallException> classify(String what, int status, HttpHeaders headers, String body, Instant now) {
        if (status < 400) {
            return Optional.empty();
        }
        RemoteCallException.Kind kind = status >= 500 ? RemoteCallException.Kind.AMBIGUOUS
                : status == 408 || status == 423 || status == 425 || status == 429 ? RemoteCallException.Kind.RETRYABLE
                : RemoteCallException.Kind.PERMANENT;
        String error = body == null ? null : body.length() > MAX_ERROR ? body.substring(0, MAX_ERROR) : body;
        return Optional.of(new RemoteCallException(kind, what + " answered " + status, status, error,
                retryAfter(headers, now).orElse(null), null));
    }

    /** @return the failure an I/O problem of a call is */
    public static RemoteCallException classify(String what, IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException) {
            return new RemoteCallException(RemoteCallException.Kind.RETRYABLE, what + " could not connect: " + e.getMessage(), null, null, null, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, what + " timed out after the request was sent", null, null, null, e);
        }
        return new RemoteCallException(RemoteCallException.Kind.AMBIGUOUS, what + " lost its connection: " + e, null, null, null, e);
    }

    /** @return the wait the remote asked for, if any */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> after = headers.firstValue("Retry-After");
        if (after.isPresent()) {
            return parseWait(after.get().trim(), now, false);
        }
        String remaining = headers.firstValue("RateLimit-Remaining").or(() -> headers.firstValue("X-RateLimit-Remaining")).orElse(null);
        if (remaining != null && remaining.trim().equals("0")) {
            return headers.firstValue("RateLimit-Reset").or(() -> headers.firstValue("X-RateLimit-Reset"))
                    .flatMap(v -> parseWait(v.trim(), now, true));
        }
        return Optional.empty();
    }

    private static Optional<Duration> parseWait(String v, Instant now, boolean epochAllowed) {
        try {
            long n = Long.parseLong(v);
            // a reset far larger than a day of seconds is an epoch second
            if (epochAllowed && n > 86_400L * 365) {
                return Optional.of(positive(Duration.between(now, Instant.ofEpochSecond(n))));
            }
            return Optional.of(positive(Duration.ofSeconds(n)));
        } catch (NumberFormatException notSeconds) {
            try {
                return Optional.of(positive(Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
