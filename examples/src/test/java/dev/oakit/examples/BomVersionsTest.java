package dev.oakit.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** oa-bom has no parent, so it repeats some versions of the root POM: each must be the root's (the one OAKit is tested with). */
class BomVersionsTest {
    private static final Pattern PROPERTY = Pattern.compile("<([\\w.-]+\\.version)>([^<]+)</\\1>");

    @Test
    void everyVersionOfTheBomIsTheRootPomsVersion() throws IOException {
        Map<String, String> bom = versions(Path.of("../oa-bom/pom.xml"));
        Map<String, String> root = versions(Path.of("../pom.xml"));
        assertThat(bom).containsKeys("h2.version", "angus-mail.version", "jsoup.version", "guava.version", "protobuf.version");
        bom.forEach((name, version) -> assertThat(version).as("oa-bom's " + name).isEqualTo(root.get(name)));
    }

    private static Map<String, String> versions(Path pom) throws IOException {
        String xml = Files.readString(pom);
        Matcher m = PROPERTY.matcher(xml.substring(xml.indexOf("<properties>"), xml.indexOf("</properties>")));
        Map<String, String> found = new LinkedHashMap<>();
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }
}
