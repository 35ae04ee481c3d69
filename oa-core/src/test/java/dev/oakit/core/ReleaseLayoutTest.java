package dev.oakit.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the release publishes stays whole (docs/releasing.md): every module of the root POM that does not skip the
 * release is in the BOM, has an API baseline in api/ and a test that checks it, and nothing else is. It lives in
 * oa-core, the module every other one builds on, because it reads the whole repository's POMs, not core's code.
 */
class ReleaseLayoutTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** A baseline check in some module's ApiBaselineTest (oa-testing-base's runs in oa-testing's). */
    private static final Pattern CHECK = Pattern.compile("ApiBaseline\\.check\\(\"([^\"]+)\"");

    @Test
    void everyPublishedModuleIsInTheBomAndHasAnApiBaselineAndItsCheck() throws Exception {
        Set<String> published = new TreeSet<>();
        for (String module : texts(xml(ROOT.resolve("pom.xml")), "module")) {
            Document pom = xml(ROOT.resolve(module).resolve("pom.xml"));
            boolean skipped = texts(pom, "oakit.publish.skip").contains("true")
                    || texts(pom, "maven.deploy.skip").contains("true");
            if (!skipped && !module.equals("oa-bom")) {
                published.add(module);
            }
        }
        Document bom = xml(ROOT.resolve("oa-bom/pom.xml"));
        Set<String> inBom = new TreeSet<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (text(d, "groupId").equals("dev.oakit")) {
                inBom.add(text(d, "artifactId"));
            }
        }
        Set<String> baselines = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("api"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .forEach(n -> baselines.add(n.substring(0, n.length() - ".txt".length())));
        }
        Set<String> checked = new TreeSet<>();
        for (String module : published) {
            try (Stream<Path> tests = Files.walk(ROOT.resolve(module).resolve("src/test/java"))) {
                for (Path test : tests.filter(f -> f.getFileName().toString().equals("ApiBaselineTest.java")).toList()) {
                    Matcher call = CHECK.matcher(Files.readString(test));
                    while (call.find()) {
                        checked.add(call.group(1));
                    }
                }
            }
        }
        List<String> withoutCheck = new ArrayList<>(published);
        withoutCheck.removeAll(checked);

        assertThat(published).as("published modules (the root POM's modules that do not set oakit.publish.skip)")
                .contains("oa-core", "oa-testing", "oa-erp-fakes").doesNotContain("examples", "oa-benchmarks");
        assertThat(inBom).as("OAKit modules in oa-bom/pom.xml: add a published module there, or skip its release")
                .isEqualTo(published);
        assertThat(baselines).as("API baselines in api/: create one with -Doakit.api.update=true (docs/releasing.md)")
                .isEqualTo(published);
        assertThat(withoutCheck).as("published modules without an ApiBaselineTest calling ApiBaseline.check").isEmpty();
    }

    private static Document xml(Path file) throws Exception {
        assertThat(file).exists();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> texts(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static String text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
