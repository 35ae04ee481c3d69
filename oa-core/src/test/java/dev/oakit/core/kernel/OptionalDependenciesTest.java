package dev.oakit.core.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.oakit.core.testing.IsolatedBuild.build;
import static dev.oakit.core.testing.IsolatedBuild.classPathWithout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 and Jakarta Mail are optional dependencies of oa-core: a host that brings its DataSource and sends no e-mail does
 * not get them, and a host that uses the embedded default or the email channel without them is told at build() which
 * dependency to add. The builder runs in a class loader made of this test's class path without the library.
 */
class OptionalDependenciesTest {
    @Test
    void theEmbeddedDefaultWithoutH2FailsAtBuildNamingTheDependency(@TempDir Path dir) throws Exception {
        try (URLClassLoader withoutH2 = classPathWithout(jar -> jar.contains("com/h2database"))) {
            Throwable failure = build(withoutH2, dir, Map.of());
            assertThat(failure).isNotNull();
            assertThat(failure.getClass().getName()).isEqualTo("dev.oakit.core.ConfigurationException");
            assertThat(failure.getMessage()).contains("OA-CORE/CONFIGURATION", "H2 is not on the class path",
                    "com.h2database:h2", "dataSource(..)");
        }
    }

    @Test
    void theSameLoaderWithH2Builds(@TempDir Path dir) throws Exception {
        try (URLClassLoader all = classPathWithout(jar -> false)) {
            assertThat(build(all, dir, Map.of())).isNull();
        }
    }

    @Test
    void theEmailChannelWithoutJakartaMailFailsAtBuildNamingTheDependency(@TempDir Path dir) throws Exception {
        Map<String, Object> email = Map.of("notifications", Map.of("email", Map.of("host", "127.0.0.1", "port", 2525,
                "from", "OAKit <oakit@acme.test>")));
        try (URLClassLoader withoutMail = classPathWithout(jar -> jar.contains("angus") || jar.contains("jakarta.mail"))) {
            Throwable failure = build(withoutMail, dir, email);
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("core.notifications.email is configured", "org.eclipse.angus:angus-mail");
            assertThat(build(withoutMail, dir, Map.of())).as("without the email channel, no mail library is needed").isNull();
        }
    }

    @Test
    void thePomKeepsThemOptional() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        for (String artifact : new String[]{"<artifactId>h2</artifactId>", "<artifactId>angus-mail</artifactId>"}) {
            String line = pom.lines().filter(l -> l.contains(artifact)).findFirst().orElseThrow();
            assertThat(line).as("oa-core's dependency on " + artifact).contains("<optional>true</optional>");
        }
    }
}
