package dev.oakit.http.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.http.Cors;
import dev.oakit.http.HttpErrors;
import dev.oakit.http.spi.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request through oa-http: CORS, the route, the actor, CSRF, the handler, the JSON or problem answer.
 * Nothing here opens a database transaction; the engine's services do, after the actor is known.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match, X-Requested-With";

    private final List<Route> routes;
    private final ActorResolver resolver;
    private final Cors cors;
    private final byte[] openApi;

    public HttpApi(List<Route> routes, ActorResolver resolver, Cors cors) {
        this.routes = List.copyOf(routes);
        this.resolver = resolver;
        this.cors = cors;
        this.openApi = OpenApi.document(this.routes);
    }

    /** @return the route table, for tests and the OpenAPI document */
    public List<Route> routes() {
        return routes;
    }

    /** Answers one request; {@code path} is the part after the servlet's mount point, starting with {@code /}. */
    public void serve(HttpServletRequest req, HttpServletResponse res, String path) throws IOException {
        String origin = req.getHeader("Origin");
        if (cors.allows(origin)) {
            res.setHeader("Access-Control-Allow-Origin", cors.allowedOrigins().contains("*") ? "*" : origin);
            res.addHeader("Vary", "Origin");
            res.setHeader("Access-Control-Expose-Headers", "ETag, Location");
            if (cors.allowCredentials()) {
                res.setHeader("Access-Control-Allow-Credentials", "true");
            }
            if ("OPTIONS".equals(req.getMethod()) && req.getHeader("Access-Control-Request-Method") != null) {
                res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                res.setHeader("Access-Control-Max-Age", Long.toString(cors.maxAge().toSeconds()));
                res.setStatus(204);
                return;
            }
        }
        if ("GET".equals(req.getMethod()) && "/openapi.json".equals(path)) {
            res.setStatus(200);
            res.setContentType("application/json");
            res.getOutputStream().write(openApi);
            return;
        }
        String instance = req.getRequestURI();
        try {
            Route route = null;
            Map<String, String> params = null;
            boolean pathKnown = false;
            for (Route r : routes) {
                Map<String, String> m = r.match(path);
                if (m != null) {
                    pathKnown = true;
                    if (r.method().equals(req.getMethod())) {
                        route = r;
                        params = m;
                        break;
                    }
                }
            }
            if (route == null) {
                if (pathKnown) {
                    problem(res, Problem.of(405, HttpErrors.METHOD_NOT_ALLOWED, req.getMethod() + " is not allowed on " + path, instance));
                } else {
                    problem(res, Problem.of(404, HttpErrors.NO_ROUTE, "no endpoint at " + path + "; see openapi.json", instance));
                }
                return;
            }
            Optional<Actor> actor = resolver.resolve(req);
            if (actor.isEmpty()) {
                res.setHeader("WWW-Authenticate", "Bearer");
                problem(res, Problem.of(401, HttpErrors.UNAUTHENTICATED, "sign in first: send a bearer token or your session", instance));
                return;
            }
            if (!SAFE.contains(req.getMethod()) && req.getHeader("Authorization") == null && req.getHeader("X-Requested-With") == null) {
                problem(res, Problem.of(403, HttpErrors.CSRF,
                        "a request authenticated by a cookie must carry the header X-Requested-With (any value) to change anything", instance));
                return;
            }
            Object out = route.handler().handle(new Call(actor.get(), req, params));
            Reply reply = out instanceof Reply r ? r : new Reply(route.status(), out, Map.of());
            reply.headers().forEach(res::setHeader);
            if (reply.body() == null) {
                res.setStatus(reply.status());
                return;
            }
            byte[] body = reply.body() instanceof Reply.Raw raw ? raw.bytes() : Json.MAPPER.writeValueAsBytes(reply.body());
            if ("GET".equals(req.getMethod())) {
                String etag = ETags.of(body);
                res.setHeader("ETag", etag);
                String none = req.getHeader("If-None-Match");
                if (none != null && ETags.matches(none, etag)) {
                    res.setStatus(304);
                    return;
                }
            }
            res.setStatus(reply.status());
            res.setContentType(reply.body() instanceof Reply.Raw raw ? raw.contentType() : "application/json");
            res.getOutputStream().write(body);
        } catch (OaException e) {
            if (e instanceof dev.oakit.http.UnauthenticatedException) {
                res.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            }
            problem(res, Problem.from(e, instance));
        } catch (RuntimeException e) {
            LOG.error("oa-http: {} {} failed", req.getMethod(), instance, e);
            problem(res, Problem.of(500, HttpErrors.INTERNAL, "an unexpected error; the server log has the details", instance));
        }
    }

    private static void problem(HttpServletResponse res, Problem p) throws IOException {
        res.setStatus(p.status());
        res.setContentType(Problem.MEDIA_TYPE);
        res.getOutputStream().write(Json.MAPPER.writeValueAsBytes(p));
    }
}
