package dev.oakit.http;

import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.http.spi.ActorResolver;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * A <b>demo</b> sign-in for the workbench: its login page lists a fixed set of users and anyone may pick one, no
 * password asked. The session is a random id in the cookie {@value #COOKIE}, kept in this object's memory.
 * <b>Not for production</b>: it exists so the examples and the browser tests can act as several people; a real
 * host hands the workbench its own {@link ActorResolver} (its session, {@link JwtActorResolver}).
 *
 * <pre>
 * DemoLogin demo = DemoLogin.tenant("acme").user("alice", "Alice (employee)").admin("root", "Root (administrator)");
 * OaWorkbenchServlet pages = OaWorkbenchServlet.builder(oa).demoLogin(demo).build();
 * </pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DemoLogin implements ActorResolver {
    /** The session cookie's name. */
    public static final String COOKIE = "oa_demo_session";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String tenant;
    private final List<DemoUser> users = new ArrayList<>();
    private final Map<String, Actor> sessions = new ConcurrentHashMap<>();

    /** A user the login page offers. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record DemoUser(String userId, String label, boolean admin) {
    }

    private DemoLogin(String tenant) {
        this.tenant = tenant;
    }

    /** @param tenant the tenant every demo user belongs to; never null */
    public static DemoLogin tenant(String tenant) {
        return new DemoLogin(Objects.requireNonNull(tenant, "tenant"));
    }

    /** Offers a user (an id of OAKit's directory) with a label for the login page. */
    public DemoLogin user(String userId, String label) {
        users.add(new DemoUser(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(label, "label"), false));
        return this;
    }

    /** Offers a tenant administrator. */
    public DemoLogin admin(String userId, String label) {
        users.add(new DemoUser(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(label, "label"), true));
        return this;
    }

    /** @return the users offered, in the order added */
    public List<DemoUser> users() {
        return List.copyOf(users);
    }

    /**
     * Starts a session for one of the offered users.
     *
     * @return the session id to put in the cookie {@value #COOKIE}
     * @throws ValidationException when the user is not offered
     */
    public String signIn(String userId) {
        DemoUser u = users.stream().filter(x -> x.userId().equals(userId)).findFirst().orElseThrow(() -> ValidationException.of("user",
                "'" + userId + "' is not a demo user; pick one of " + users.stream().map(DemoUser::userId).toList()));
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        String session = HexFormat.of().formatHex(id);
        sessions.put(session, u.admin() ? Actor.admin(tenant, u.userId()) : Actor.of(tenant, u.userId()));
        return session;
    }

    /** Ends a session; an unknown id is ignored. */
    public void signOut(String session) {
        if (session != null) {
            sessions.remove(session);
        }
    }

    @Override
    public Optional<Actor> resolve(HttpServletRequest request) {
        return Optional.ofNullable(session(request)).map(sessions::get);
    }

    /** @return the session id in the request's cookie, or null */
    public static String session(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
