package dev.oakit.testing;

import dev.oakit.core.testing.DocSnippets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/testing.md shows the code these tests compile and run. */
class DocsTest {
    private static final Path DOC = Path.of("../docs/testing.md");
    private static final Path TESTS = Path.of("src/test/java/dev/oakit/testing");

    @Test
    void theDocShowsTheTestedCode() {
        assertThat(DocSnippets.assertShown(DOC, TESTS.resolve("LeaveApprovalTest.java"))).containsExactly("leave-test");
        assertThat(DocSnippets.assertShown(DOC, TESTS.resolve("DeadlineTest.java"))).containsExactly("deadline-test");
        assertThat(DocSnippets.assertShown(DOC, TESTS.resolve("PostgresDataSourceTest.java"))).containsExactly("datasource");
        assertThat(DocSnippets.assertShown(DOC, TESTS.resolve("EveryDatabaseTest.java"))).containsExactly("matrix-test", "matrix-test");
        assertThat(DocSnippets.assertShown(DOC, TESTS.resolve("TicketAssertTest.java"))).containsExactly("ticket-test");
        assertThat(DocSnippets.assertShown(DOC, TESTS.resolve("GuiceHostTest.java"))).containsExactly("guice-test");
    }

    /** docs/examples.md shows the plain host's wiring and tests as they are. */
    @Test
    void theExamplesDocShowsThePlainHostsCode() {
        Path doc = Path.of("../docs/examples.md");
        Path host = Path.of("../examples-plain-host/src");
        assertThat(DocSnippets.assertShown(doc, host.resolve("main/java/dev/oakit/examples/plain/LeaveHost.java"))).containsExactly("wiring");
        assertThat(DocSnippets.assertShown(doc, host.resolve("test/java/dev/oakit/examples/plain/LeaveApprovalTest.java")))
                .containsExactly("plain-test");
        assertThat(DocSnippets.assertShown(doc, host.resolve("test/java/dev/oakit/examples/plain/LeaveHostTest.java")))
                .containsExactly("host-test");
    }
}
