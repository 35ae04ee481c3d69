package dev.oakit.http.internal.workbench;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The workbench's static files: its stylesheet and htmx (from the {@code org.webjars.npm:htmx.org} jar, so no
 * front-end build is needed). Only the files named here are served; they may be cached for a day.
 */
final class StaticFiles {
    private static final String OWN = "dev/oakit/http/internal/workbench/static/";
    private final Map<String, String[]> files;

    StaticFiles() {
        String htmx = "META-INF/resources/webjars/htmx.org/" + webjarVersion("htmx.org") + "/dist/htmx.min.js";
        files = Map.of("app.css", new String[] {OWN + "app.css", "text/css;charset=utf-8"},
                "htmx.min.js", new String[] {htmx, "text/javascript;charset=utf-8"},
                "htmx.LICENSE", new String[] {htmx.replace("dist/htmx.min.js", "LICENSE"), "text/plain;charset=utf-8"});
    }

    void serve(String name, HttpServletResponse res) throws IOException {
        String[] f = files.get(name);
        InputStream in = f == null ? null : StaticFiles.class.getClassLoader().getResourceAsStream(f[0]);
        if (in == null) {
            res.setStatus(404);
            return;
        }
        try (in) {
            res.setStatus(200);
            res.setContentType(f[1]);
            res.setHeader("Cache-Control", "public, max-age=86400");
            in.transferTo(res.getOutputStream());
        }
    }

    private static String webjarVersion(String artifact) {
        String pom = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("the webjar org.webjars.npm:" + artifact + " is missing from the class path; add it (oa-http depends on it)");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
