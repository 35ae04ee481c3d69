package dev.oakit.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every relative link of README.md and docs/ leads to a file of the repository. */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> files = Files.walk(Path.of("../docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : docs) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                links++;
                String file = target.replaceFirst("#.*$", "");
                if (!Files.exists(doc.getParent().resolve(file))) {
                    broken.add(doc.normalize() + " -> " + target);
                }
            }
        }
        assertThat(links).as("relative links found").isGreaterThan(50);
        assertThat(broken).as("links that lead to no file").isEmpty();
    }
}
