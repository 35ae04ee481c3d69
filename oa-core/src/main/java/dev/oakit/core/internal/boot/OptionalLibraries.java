package dev.oakit.core.internal.boot;

import java.util.List;

/**
 * The libraries oa-core declares optional, so that hosts which do not use a feature do not get them: H2 for the
 * embedded default database and Jakarta Mail (Angus) for the email notification channel. A host that uses the
 * feature without the library is told at {@code build()} which dependency to add, instead of failing later with
 * a missing class or "no suitable driver". Plugins declare theirs with
 * {@link dev.oakit.core.spi.OaPluginContext#requireLibrary}.
 */
final class OptionalLibraries {
    private OptionalLibraries() {
    }

    /** @return the problems of the features the settings use whose libraries are not on OAKit's class path */
    static List<String> missing(BootSettings settings, dev.oakit.core.CoreConfig config, ClassLoader loader) {
        List<String> problems = new java.util.ArrayList<>();
        boolean nullDataSource = settings.problems().stream().anyMatch(p -> p.startsWith("dataSource"));
        if (settings.dataSource() == null && !nullDataSource && !present(loader, "org.h2.Driver")) {
            problems.add("no dataSource was given, so OAKit would use its embedded H2 database, but H2 is not on the class path: "
                    + "add the dependency com.h2database:h2 (its version comes with dev.oakit:oa-bom), or give OAKit the host's "
                    + "DataSource with dataSource(..)");
        }
        if (config.notifications() != null && config.notifications().email() != null
                && !(present(loader, "jakarta.mail.Session") && present(loader, "org.eclipse.angus.mail.smtp.SMTPTransport"))) {
            problems.add("core.notifications.email is configured, but Jakarta Mail is not on the class path: add the dependency "
                    + "org.eclipse.angus:angus-mail (its version comes with dev.oakit:oa-bom), or remove core.notifications.email");
        }
        return problems;
    }

    /** @return true when {@code className} loads through {@code loader} */
    static boolean present(ClassLoader loader, String className) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
