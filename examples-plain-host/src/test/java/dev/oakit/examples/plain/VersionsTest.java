package dev.oakit.examples.plain;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This host names its versions as literals, as a host's POM does; each is the one OAKit is built and tested with
 * (the root POM's property of the same name), and it depends on this build of OAKit. The enforcer's
 * dependencyConvergence rule of this module holds its tree to one version per artifact.
 */
class VersionsTest {
    @Test
    void theHostsVersionsAreOakits() throws Exception {
        String root = Files.readString(Path.of(System.getProperty("oakit.root.pom", "../pom.xml")));
        String host = Files.readString(Path.of("pom.xml"));
        assertThat(property(host, "oakit.version")).as("oakit.version").isEqualTo(projectVersion(root));
        for (String name : new String[] {"h2.version", "postgresql.version", "hikari.version", "slf4j.version", "junit.version", "assertj.version",
                "jackson.version", "snakeyaml.version", "jspecify.version"}) {
            assertThat(property(host, name)).as(name + " of this host and of the root POM").isEqualTo(property(root, name));
        }
    }

    private static String projectVersion(String pom) {
        Matcher m = Pattern.compile("<artifactId>oakit-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("the root POM's version").isTrue();
        return m.group(1).trim();
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1).trim();
    }
}
