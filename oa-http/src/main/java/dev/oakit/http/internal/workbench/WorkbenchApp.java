package dev.oakit.http.internal.workbench;

import dev.oakit.core.Actor;
import dev.oakit.core.OaException;
import dev.oakit.http.DemoLogin;
import dev.oakit.http.internal.Problem;
import dev.oakit.http.spi.ActorResolver;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to the workbench: static files, language switch, demo login, then the page's route, the actor, the
 * CSRF check on POST, the handler and the template. Engine errors become an error page with the engine's message.
 */
public final class WorkbenchApp {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);
    static final String LANG_COOKIE = "oa_lang";

    private final List<PageRoute> routes = new ArrayList<>();
    private final List<NavItem> nav = new ArrayList<>();
    private final ActorResolver resolver;
    private final DemoLogin demo;
    private final ZoneId zone;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html, WorkbenchApp.class.getClassLoader(),
            "dev.oakit.http.internal.workbench.jte");
    private final StaticFiles files = new StaticFiles();

    /**
     * @param groups the page groups of the plugins present
     * @param resolver who is signed in
     * @param demo the demo login when on (then also the resolver), else null
     */
    public WorkbenchApp(List<PageGroup> groups, ActorResolver resolver, DemoLogin demo, ZoneId zone) {
        for (PageGroup g : groups) {
            routes.addAll(g.routes());
            nav.addAll(g.nav());
        }
        this.resolver = resolver;
        this.demo = demo;
        this.zone = zone;
    }

    /** Answers one request; {@code path} is the part after the mount point, starting with {@code /}. */
    public void serve(HttpServletRequest req, HttpServletResponse res, String path) throws IOException {
        res.setHeader("X-Content-Type-Options", "nosniff");
        if (path.startsWith("/static/")) {
            files.serve(path.substring("/static/".length()), res);
            return;
        }
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        Locale locale = Messages.locale(req);
        String base = req.getContextPath() + req.getServletPath();
        String csrf = Csrf.token(req, res);
        boolean post = "POST".equals(req.getMethod());
        if (post && !Csrf.valid(req)) {
            render(res, new Ui(locale, Messages.bundle(locale), base, path, req.getQueryString(), csrf, null, List.of(), null, zone, demo != null),
                    new View.Page("error.jte", Map.of("message", Messages.bundle(locale).getString("error.csrf")), 403));
            return;
        }
        if ("/lang".equals(path)) {
            String to = "en".equals(req.getParameter("to")) ? "en" : "zh";
            Cookies.set(req, res, LANG_COOKIE, to, 365 * 24 * 3600);
            redirect(req, res, base, safeBack(req.getParameter("back")));
            return;
        }
        if (demo != null && ("/login".equals(path) || "/logout".equals(path))) {
            login(req, res, path, new Ui(locale, Messages.bundle(locale), base, path, req.getQueryString(), csrf, null, List.of(), null, zone, true));
            return;
        }
        Map<String, String> params = null;
        PageRoute route = null;
        boolean known = false;
        for (PageRoute r : routes) {
            Map<String, String> m = r.match(path);
            if (m != null) {
                known = true;
                if (r.method().equals(req.getMethod())) {
                    route = r;
                    params = m;
                    break;
                }
            }
        }
        Ui bare = new Ui(locale, Messages.bundle(locale), base, path, req.getQueryString(), csrf, null, List.of(), null, zone, demo != null);
        Optional<Actor> actor;
        try {
            actor = resolver.resolve(req);
        } catch (OaException e) {
            actor = Optional.empty();
        }
        if (actor.isEmpty()) {
            if (demo != null && !post) {
                redirect(req, res, base, "/login");
            } else {
                render(res, bare, new View.Page("error.jte", Map.of("message", bare.t("error.signIn")), 401));
            }
            return;
        }
        Ui ui = new Ui(locale, Messages.bundle(locale), base, path, req.getQueryString(), csrf, actor.get(), nav(actor.get(), path, base, locale), req.getParameter("msg"),
                zone, demo != null);
        if ("/".equals(path) && "GET".equals(req.getMethod())) {
            render(res, ui, View.page("home.jte"));
            return;
        }
        if (route == null) {
            render(res, ui, new View.Page("error.jte", Map.of("message", ui.t(known ? "error.method" : "error.notFound")), known ? 405 : 404));
            return;
        }
        try {
            View v = route.handler().handle(new PageCall(actor.get(), ui, req, params));
            if (v instanceof View.Redirect r) {
                redirect(req, res, base, r.path());
            } else if (v instanceof View.Download d) {
                res.setStatus(200);
                res.setContentType(d.contentType());
                res.setHeader("Content-Disposition", "attachment; filename=\"" + d.filename() + "\"");
                res.getOutputStream().write(d.body());
            } else {
                render(res, ui, (View.Page) v);
            }
        } catch (OaException e) {
            render(res, ui, new View.Page("error.jte", Map.of("message", e.getMessage()), Problem.from(e, path).status()));
        } catch (RuntimeException e) {
            LOG.error("workbench: {} {} failed", req.getMethod(), req.getRequestURI(), e);
            render(res, ui, new View.Page("error.jte", Map.of("message", ui.t("error.internal")), 500));
        }
    }

    private List<Ui.NavLink> nav(Actor actor, String path, String base, Locale locale) {
        List<Ui.NavLink> out = new ArrayList<>();
        java.util.ResourceBundle m = Messages.bundle(locale);
        for (NavItem n : nav) {
            if (!n.shows(actor)) {
                continue;
            }
            Long count = n.count() == null ? null : n.count().applyAsLong(actor);
            boolean active = path.equals(n.path()) || path.startsWith(n.path() + "/");
            out.add(new Ui.NavLink(m.containsKey(n.labelKey()) ? m.getString(n.labelKey()) : n.labelKey(), base + n.path(), count, active));
        }
        return out;
    }

    private void login(HttpServletRequest req, HttpServletResponse res, String path, Ui ui) throws IOException {
        String base = req.getContextPath() + req.getServletPath();
        if ("/logout".equals(path)) {
            demo.signOut(DemoLogin.session(req));
            Cookies.set(req, res, DemoLogin.COOKIE, "", 0);
            redirect(req, res, base, "/login");
        } else if ("POST".equals(req.getMethod())) {
            String session = demo.signIn(req.getParameter("user"));
            Cookies.set(req, res, DemoLogin.COOKIE, session, -1);
            redirect(req, res, base, "/");
        } else {
            render(res, ui, View.page("login.jte", "users", demo.users()));
        }
    }

    private static String safeBack(String back) {
        return back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/";
    }

    /** htmx requests get {@code HX-Redirect} (a full navigation), others a 303. */
    private static void redirect(HttpServletRequest req, HttpServletResponse res, String base, String path) {
        if (req.getHeader("HX-Request") != null) {
            res.setStatus(200);
            res.setHeader("HX-Redirect", base + path);
        } else {
            res.setStatus(303);
            res.setHeader("Location", base + path);
        }
    }

    private void render(HttpServletResponse res, Ui ui, View.Page page) throws IOException {
        Map<String, Object> params = new HashMap<>(page.params());
        params.put("ui", ui);
        StringOutput out = new StringOutput();
        templates.render(page.template(), params, out);
        res.setStatus(page.status());
        res.setContentType("text/html;charset=utf-8");
        res.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
