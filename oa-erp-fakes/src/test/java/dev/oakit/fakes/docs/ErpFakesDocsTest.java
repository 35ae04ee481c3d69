package dev.oakit.fakes.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of docs/erp-fakes.md is compiled and run: each {@code ```java} block must be one of the
 * tagged regions ({@code // tag::x[]} ... {@code // end::x[]}) of {@link ErpFakesExamplesTest}.
 */
class ErpFakesDocsTest {
    private static final Path DOC = Path.of("../docs/erp-fakes.md");
    private static final Path SOURCE = Path.of("src/test/java/dev/oakit/fakes/docs/ErpFakesExamplesTest.java");

    @Test
    void everyJavaSnippetOfThePageIsATaggedRegionOfACompiledTest() throws Exception {
        String doc = Files.readString(DOC);
        String source = Files.readString(SOURCE);
        List<String> regions = new ArrayList<>();
        Matcher tags = Pattern.compile("// tag::([a-z0-9-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL).matcher(source);
        while (tags.find()) {
            regions.add(normalize(tags.group(2)));
        }
        Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        int count = 0;
        while (blocks.find()) {
            count++;
            assertThat(regions).as("snippet %d of docs/erp-fakes.md is a tagged region of ErpFakesExamplesTest", count)
                    .contains(normalize(blocks.group(1)));
        }
        assertThat(count).as("the page shows every tagged example").isEqualTo(regions.size());
    }

    private static String normalize(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + "\n" + b);
    }
}
