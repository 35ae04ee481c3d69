package dev.oakit.ticket.internal;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** HTML-only mail turned into text by a linear parser, never more than the limit. */
class HtmlTextTest {
    private static final int LIMIT = 500_000;

    @Test
    void blocksBecomeLinesAndScriptsStylesAndTheHeadGo() {
        assertThat(HtmlText.toText("<html><head><title>T</title><style>p{}</style></head><body><p>Screen is <b>black</b></p>"
                + "<p>since&nbsp;Monday &amp; today</p><script>alert(1)</script></body></html>", LIMIT))
                .isEqualTo("Screen is black\nsince Monday & today");
        assertThat(HtmlText.toText("Hi,<br>line\n  two<br><br><br><br>end <div>block</div>after", LIMIT))
                .isEqualTo("Hi,\nline two\n\nend\nblock\nafter");
        assertThat(HtmlText.toText("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><pre>x\n  y</pre>", LIMIT))
                .isEqualTo("a b\nc\nx\ny");
        assertThat(HtmlText.toText("&lt;tag&gt; &quot;q&quot; &#39;s&#39; &#x6253;&#21360; &euro;", LIMIT)).isEqualTo("<tag> \"q\" 's' 打印 €");
    }

    /** Each shape made the old regular expressions, or could make a careless parser, take time in the square of its size. */
    @Test
    void craftedPartsAtTheLimitComeOutAsText() {
        assertThat(HtmlText.toText("<".repeat(LIMIT), LIMIT)).isEqualTo("<".repeat(LIMIT));
        assertThat(HtmlText.toText("x<".repeat(LIMIT / 2), LIMIT)).isEqualTo("x"); // one tag named "x<x<…", as a browser reads it
        assertThat(HtmlText.toText("x< ".repeat(LIMIT / 3), LIMIT)).isEqualTo("x< ".repeat(LIMIT / 3).strip());
        assertThat(HtmlText.toText("<script>".repeat(LIMIT / 8), LIMIT)).isEmpty();
        assertThat(HtmlText.toText("<style>" + "</x>".repeat(LIMIT / 4 - 2), LIMIT)).isEmpty();
        assertThat(HtmlText.toText("<b><i>".repeat(LIMIT / 6) + "z", LIMIT)).isEqualTo("z");
        assertThat(HtmlText.toText("<div>".repeat(LIMIT / 5 - 1) + "deep", LIMIT)).isEqualTo("deep");
        assertThat(HtmlText.toText("<a href='".repeat(LIMIT / 9), LIMIT)).isEmpty();
        assertThat(HtmlText.toText("<!--".repeat(LIMIT / 4), LIMIT)).isEmpty();
        assertThat(HtmlText.toText("&".repeat(LIMIT), LIMIT)).isEqualTo("&".repeat(LIMIT));
        assertThat(HtmlText.toText("<br>".repeat(LIMIT / 4 - 1) + "end", LIMIT)).isEqualTo("end");
    }

    @Test
    void onlyTheFirstMaxCharsAreReadAndTheTextSaysSo() {
        String html = "<p>kept</p>" + " ".repeat(20_000) + "<p>TAIL</p>";
        assertThat(HtmlText.toText(html, 10_011)).isEqualTo("kept\n\n[… cut: the HTML part has 20022 characters; only the first 10011 were turned into text]");
        assertThat(HtmlText.toText(html, html.length())).isEqualTo("kept\nTAIL");
        assertThat(HtmlText.toText("<br>".repeat(5_000), 10_000)).isEqualTo("[… cut: the HTML part has 20000 characters; only the first 10000 were turned into text]");
    }

    @Test
    void theConverterUsesNoRegularExpressions() throws Exception {
        noClasses().that().haveFullyQualifiedName(HtmlText.class.getName()).or().haveNameMatching(HtmlText.class.getName() + "\\$.*")
                .should().dependOnClassesThat().resideInAPackage("java.util.regex..")
                .orShould().callMethod(String.class, "replaceAll", String.class, String.class)
                .orShould().callMethod(String.class, "replaceFirst", String.class, String.class)
                .orShould().callMethod(String.class, "matches", String.class)
                .orShould().callMethod(String.class, "split", String.class)
                .because("a backtracking regular expression over mail from outside can take time in the square of its size")
                .check(new ClassFileImporter().importClasses(HtmlText.class, Class.forName(HtmlText.class.getName() + "$Lines")));
    }
}
