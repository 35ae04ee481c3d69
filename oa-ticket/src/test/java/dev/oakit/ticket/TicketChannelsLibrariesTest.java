package dev.oakit.ticket;

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
 * Jakarta Mail and jsoup are optional dependencies of oa-ticket (hosts without ticket channels do not get them):
 * without them, tickets build, and TicketChannelsPlugin fails build() naming each missing dependency.
 */
class TicketChannelsLibrariesTest {
    private static final String TICKETS = TicketPlugin.class.getName();
    private static final String CHANNELS = TicketChannelsPlugin.class.getName();

    @Test
    void withoutMailTicketsBuildAndTheChannelsNameWhatToAdd(@TempDir Path dir) throws Exception {
        try (URLClassLoader withoutMail = classPathWithout(e -> e.contains("angus") || e.contains("jakarta.mail") || e.contains("jsoup"))) {
            assertThat(build(withoutMail, dir, Map.of(), TICKETS)).as("tickets without channels").isNull();
            Throwable failure = build(withoutMail, dir, Map.of(), TICKETS, CHANNELS);
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).contains("OA-CORE/CONFIGURATION",
                    "plugin 'ticket-channels' needs Jakarta Mail", "add the dependency org.eclipse.angus:angus-mail",
                    "plugin 'ticket-channels' needs jsoup", "add the dependency org.jsoup:jsoup");
        }
        try (URLClassLoader all = classPathWithout(e -> false)) {
            assertThat(build(all, dir, Map.of(), TICKETS, CHANNELS)).as("with them").isNull();
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
}
