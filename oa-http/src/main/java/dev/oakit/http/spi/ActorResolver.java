package dev.oakit.http.spi;

import dev.oakit.core.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Maps a host's HTTP request (its session, a JWT, a trusted header) to the {@link Actor} who makes it,
 * tenant included. oa-http asks it once per request; no endpoint runs without an actor, and every
 * permission check after that is the engine's own.
 *
 * <p>Implementations must be thread-safe; they may do network I/O (fetching keys), never inside a
 * database transaction (oa-http calls them before any).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ActorResolver {
    /**
     * @param request the host's request; never null
     * @return the actor, or empty when the request carries no credentials this resolver knows (oa-http answers
     *     401 {@code OA-HTTP/UNAUTHENTICATED})
     * @throws dev.oakit.http.UnauthenticatedException when credentials are present but invalid
     */
    Optional<Actor> resolve(HttpServletRequest request);
}
