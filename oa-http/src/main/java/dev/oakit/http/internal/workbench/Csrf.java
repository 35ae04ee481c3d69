package dev.oakit.http.internal.workbench;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * CSRF protection for the pages, whatever resolver signs people in (a cookie session usually): a random token in
 * the cookie {@value #COOKIE} (HttpOnly, SameSite=Lax) must come back with every POST, as the form field
 * {@code _csrf} or the header {@code X-CSRF-Token}. Another site can make the browser send the cookie but cannot
 * read it to put it in the form.
 */
final class Csrf {
    static final String COOKIE = "oa_csrf";
    static final String FIELD = "_csrf";
    static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** @return the request's token, creating it (and its cookie) when missing */
    static String token(HttpServletRequest req, HttpServletResponse res) {
        String t = Cookies.get(req, COOKIE);
        if (t != null && t.length() == 32) {
            return t;
        }
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        t = HexFormat.of().formatHex(b);
        Cookies.set(req, res, COOKIE, t, -1);
        return t;
    }

    /** @return whether the POST carries the cookie's token */
    static boolean valid(HttpServletRequest req) {
        String cookie = Cookies.get(req, COOKIE);
        String sent = req.getHeader(HEADER);
        if (sent == null) {
            sent = req.getParameter(FIELD);
        }
        return cookie != null && sent != null
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
