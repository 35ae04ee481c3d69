package dev.oakit.ticket;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jakarta Mail and jsoup are optional dependencies of oa-ticket (hosts without ticket channels do not get them);
 * TicketChannelsPlugin names each one that is missing.
 */
class TicketChannelsLibrariesTest {
    @Test
    void eachMissingLibraryIsNamedWithItsDependency() throws Exception {
        assertThat(TicketChannelsPlugin.missingLibraries(TicketChannelsPlugin.class.getClassLoader())).isEmpty();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] withoutMail = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(e -> !e.contains("angus") && !e.contains("jakarta.mail") && !e.contains("jsoup"))
                .map(TicketChannelsLibrariesTest::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(withoutMail, ClassLoader.getPlatformClassLoader())) {
            assertThat(TicketChannelsPlugin.missingLibraries(loader)).satisfiesExactly(
                    mail -> assertThat(mail).contains("Jakarta Mail", "org.eclipse.angus:angus-mail"),
                    jsoup -> assertThat(jsoup).contains("jsoup", "org.jsoup:jsoup"));
        }
    }

    @Test
    void thePomKeepsThemOptional() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        for (String artifact : new String[]{"<artifactId>angus-mail</artifactId>", "<artifactId>jsoup</artifactId>"}) {
            assertThat(pom.lines().filter(l -> l.contains(artifact)).findFirst().orElseThrow())
                    .as("oa-ticket's dependency on " + artifact).contains("<optional>true</optional>");
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
