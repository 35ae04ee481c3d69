package dev.oakit.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check that a user doc shows the code a test compiles: the regions of a test source between
 * {@code // tag::name[]} and {@code // end::name[]} must each stand in the doc, compared line by
 * line with indentation and blank lines left out.
 */
public final class DocSnippets {
    private static final Pattern TAGGED = Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL);

    private DocSnippets() {
    }

    /**
     * Fails unless {@code doc} shows every tagged region of {@code source}.
     *
     * @param doc the user doc, e.g. {@code ../docs/integration.md} (paths are relative to the module)
     * @param source the test source with the tagged regions
     * @return the regions' names in the order of the source, for the test to say how many it expects
     */
    public static List<String> assertShown(Path doc, Path source) {
        String shown = normalize(read(doc));
        Matcher m = TAGGED.matcher(read(source));
        List<String> tags = new ArrayList<>();
        while (m.find()) {
            tags.add(m.group(1));
            assertThat(shown).as(doc + " shows the '" + m.group(1) + "' code of " + source.getFileName()).contains(normalize(m.group(2)));
        }
        return tags;
    }

    /** @return the text's lines stripped, without the blank ones, each after a line break */
    public static String normalize(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + "\n" + b);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
