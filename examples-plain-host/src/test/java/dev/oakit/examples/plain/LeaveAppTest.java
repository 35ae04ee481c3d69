package dev.oakit.examples.plain;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The host's main flow, on OAKit's embedded H2 by default and on a database it is given; a second start changes nothing. */
class LeaveAppTest {
    @Test
    void onTheEmbeddedDatabaseTheApprovalRunsAndTheMetersAndHealthArePrinted(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(LeaveApp.run(null, dir.resolve("data"), new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo("APPROVED");
        assertThat(Files.exists(dir.resolve("data"))).as("OAKit's embedded database, in the data directory").isTrue();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("waits at [manager]", "bob approved it: APPROVED", "oakit.commands wf.instance.start ok: 1",
                "oakit.commands wf.task.approve ok: 1", "oakit.workflow.tasks.open: 0", "health: UP");

        // a second start on the same data: set-up is skipped, the new request runs as the first did
        assertThat(LeaveApp.run(null, dir.resolve("data"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isEqualTo("APPROVED");
    }

    @Test
    void onTheHostsDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:plain-app;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
        h2.setUser("sa");
        assertThat(LeaveApp.run(h2, null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo("APPROVED");
    }

    @Test
    void mainTakesTheJdbcUrlUserAndPasswordOfTheHostsDatabase() {
        LeaveApp.main(new String[] {"jdbc:h2:mem:plain-main;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64", "sa", ""});
        assertThat(LeaveApp.run(pool("jdbc:h2:mem:plain-main;DB_CLOSE_DELAY=-1"), null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).as("a second start on what main left").isEqualTo("APPROVED");
    }

    private static JdbcDataSource pool(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        return h2;
    }
}
