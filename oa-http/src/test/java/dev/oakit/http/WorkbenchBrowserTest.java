package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oakit.core.testing.Servers;
import dev.oakit.core.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The workbench end to end in a real browser: {@code src/test/e2e/workbench.mjs} (approvals) and {@code tickets.mjs}
 * (tickets, reports; playwright-core driving Debian's Chromium at {@code /usr/bin/chromium}) against the workbench on H2 with a demo login. Screenshots land in
 * {@code target/screenshots}. Without node or Chromium the test is skipped, with {@code CI=true} it fails.
 */
class WorkbenchBrowserTest {
    private static final Path E2E = Path.of("src/test/e2e");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void aLeaveRequestIsStartedApprovedByTwoPeopleInTheirOwnSessionsAndShownApprovedOnADesktopAndAPhone() throws Exception {
        String node = nodeWithPackages();
        try (TestDatabase db = TestDatabase.open(TestDatabase.Kind.H2); WorkbenchFixture f = new WorkbenchFixture(db)) {
            String out = run(List.of(node, "workbench.mjs", f.server.root().toString(), Path.of("target/screenshots").toAbsolutePath().toString()),
                    240);
            assertThat(out).contains("all checks passed");
        }
        assertThat(Path.of("target/screenshots/instance-approved.png")).exists();
    }

    /**
     * A ticket created on a phone, dispatched on the board with one click, resolved by the agent, accepted and rated by the
     * requester; the reports page with its charts and a CSV download; the monitor ({@code tickets.mjs}).
     */
    @Test
    void aTicketIsCreatedDispatchedOnTheBoardResolvedAndAcceptedAndTheReportsDrawTheirCharts() throws Exception {
        String node = nodeWithPackages();
        try (TestDatabase db = TestDatabase.open(TestDatabase.Kind.H2); WorkbenchFixture f = TicketPagesTest.open(db)) {
            String out = run(List.of(node, "tickets.mjs", f.server.root().toString(), Path.of("target/screenshots").toAbsolutePath().toString()),
                    240);
            assertThat(out).contains("ok - alice accepted: the ticket is closed", "ok - the workload chart shows carol's resolved ticket",
                    "all checks passed");
        }
        assertThat(Path.of("target/screenshots/board-desktop.png")).exists();
        assertThat(Path.of("target/screenshots/reports-phone.png")).exists();
    }

    /** @return node, once playwright-core is installed (npm ci once per lock file); skips without node or Chromium, fails so under CI */
    private static String nodeWithPackages() throws IOException, InterruptedException {
        String node = onPath("node");
        String npm = onPath("npm");
        if (node == null || npm == null || !Files.isExecutable(CHROMIUM)) {
            String why = "node, npm or " + CHROMIUM + " is missing (apt-get install -y nodejs npm chromium)";
            if (Servers.ci()) {
                throw new IllegalStateException("CI=true and " + why);
            }
            Assumptions.abort("SKIPPED: " + why + " (set CI=true to fail instead)");
        }
        // npm ci once per lock file: its hash is stamped next to the installed packages
        Path stamp = E2E.resolve("node_modules/.oakit-lock");
        String lock = Integer.toHexString(Files.readString(E2E.resolve("package-lock.json")).hashCode());
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
            run(List.of(npm, "ci", "--no-audit", "--no-fund"), 300);
            Files.writeString(stamp, lock);
        }
        return node;
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("oakit-e2e", ".log");
        Process p = new ProcessBuilder(command).directory(E2E.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished).as(command + " finished within " + seconds + " s; output:\n" + out).isTrue();
        assertThat(p.exitValue()).as(command + " failed; output:\n" + out).isZero();
        return out;
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
