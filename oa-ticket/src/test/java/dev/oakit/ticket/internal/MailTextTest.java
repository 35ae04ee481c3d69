package dev.oakit.ticket.internal;

import dev.oakit.ticket.internal.store.Columns;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Text from a mail, made storable for every database; properties over strings full of what databases refuse. */
class MailTextTest {
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> bad = Arbitraries.of('\u0000', '\u0001', '\u001b', '\u007f', '\t', '\n', '\r', '\uD83D', '\uDE2D', '\uFFFD', '打');
        Arbitrary<String> piece = Arbitraries.oneOf(bad.map(String::valueOf), Arbitraries.strings().all().ofMaxLength(4),
                Arbitraries.just("\uD83D\uDE2D"), Arbitraries.just("abc"));
        return piece.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void theResultHasNothingADatabaseRefusesAndSurvivesUtf8Unchanged(@ForAll("hostile") String s, @ForAll boolean bmpOnly) {
        String t = MailText.text(s, bmpOnly);
        assertThat(t).hasSize(s.length() - (bmpOnly ? supplementary(s) : 0));
        assertThat(new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(t);
        assertThat(t.chars()).noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
        if (bmpOnly) {
            assertThat(t.codePoints()).allMatch(Character::isBmpCodePoint);
        }
        assertThat(MailText.text(t, bmpOnly)).isEqualTo(t);
        assertThat(MailText.line(s, bmpOnly)).doesNotContain("\t", "\n", "\r");
    }

    @Property(tries = 300)
    void cleanTextComesBackAsItWas(@ForAll("hostile") String s) {
        String clean = s.codePoints().filter(c -> c >= 0x20 || c == '\n').filter(c -> !(c >= 0xD800 && c <= 0xDFFF))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(MailText.text(clean, false)).isSameAs(clean);
    }

    @Property(tries = 300)
    void cuttingNeverSplitsASurrogatePair(@ForAll("hostile") String s, @ForAll @IntRange(max = 40) int max) {
        String cut = Columns.cut(s, max);
        assertThat(cut.length()).isLessThanOrEqualTo(max);
        assertThat(s).startsWith(cut);
        int end = cut.length();
        if (end > 0 && end < s.length()) {
            // the cut never separates a high surrogate from the low one after it
            assertThat(Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))).isFalse();
        }
    }

    private static int supplementary(String s) {
        return (int) s.codePoints().filter(c -> !Character.isBmpCodePoint(c)).count();
    }
}
