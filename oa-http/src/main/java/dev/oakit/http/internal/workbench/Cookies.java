package dev.oakit.http.internal.workbench;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The workbench's cookies: HttpOnly, SameSite=Lax, Secure over HTTPS, scoped to the whole site. */
final class Cookies {
    private Cookies() {
    }

    static String get(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (name.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** @param maxAge seconds; -1 for the browser session, 0 to delete */
    static void set(HttpServletRequest req, HttpServletResponse res, String name, String value, int maxAge) {
        Cookie c = new Cookie(name, value);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSecure(req.isSecure());
        c.setMaxAge(maxAge);
        c.setAttribute("SameSite", "Lax");
        res.addCookie(c);
    }
}
