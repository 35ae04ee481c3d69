package dev.oakit.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.testing.DocSnippets;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/spring-boot.md shows the example host's code and configuration as they are, and every property of the metadata. */
class SpringBootDocsTest {
    private static final Path DOC = Path.of("../docs/spring-boot.md");
    private static final Path EXAMPLE = Path.of("../examples-spring-boot/src/main");

    @Test
    void theDocShowsTheExampleHostsCode() throws Exception {
        assertThat(DocSnippets.assertShown(DOC, EXAMPLE.resolve("java/dev/oakit/examples/spring/LeaveApplication.java"))).containsExactly("plugin");
        assertThat(DocSnippets.assertShown(DOC, EXAMPLE.resolve("java/dev/oakit/examples/spring/LeaveRequests.java"))).containsExactly("service");
        assertThat(DocSnippets.assertShown(DOC, Path.of("../examples-spring-boot/src/test/java/dev/oakit/examples/spring/LeaveFlowTest.java")))
                .containsExactly("flow-test");
        assertThat(DocSnippets.normalize(Files.readString(DOC))).as("application.yml")
                .contains(DocSnippets.normalize(Files.readString(EXAMPLE.resolve("resources/application.yml"))));
    }

    /** The configuration processor wrote the metadata IDEs complete from; each property is described there and in the doc. */
    @Test
    void everyPropertyOfTheMetadataIsDescribedAndInTheDoc() throws Exception {
        JsonNode metadata = new ObjectMapper().readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
        String doc = Files.readString(DOC);
        List<String> names = new ArrayList<>();
        for (JsonNode p : metadata.get("properties")) {
            String name = p.get("name").asText();
            names.add(name);
            assertThat(p.path("description").asText()).as("description of " + name).isNotBlank();
            assertThat(doc).as("docs/spring-boot.md names " + name).contains("`" + name);
        }
        assertThat(names).contains("oakit.jobs.threads", "oakit.jobs.poll-interval", "oakit.tenants", "oakit.join-transactions");
    }
}
