package dev.oakit.ticket.internal.runner;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket number is the text {@code String.format(Locale.ROOT, ..)} makes of it, in ASCII digits whatever the default
 * locale. The default locale is set only in a JVM of its own: this JVM's is never changed, since other tests (and the
 * threads they leave running) would format with it meanwhile.
 */
class NumbersProperties {
    /** A locale whose own digits are not ASCII (Arabic-Indic), as the child JVM's default. */
    private static final Locale OWN_DIGITS = Locale.forLanguageTag("ar-SA-u-nu-arab");

    @Property
    void aNumberIsPrefixYearAndTheCounterPaddedToSixDigits(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String prefix,
                                                          @ForAll @IntRange(min = 1970, max = 9999) int year,
                                                          @ForAll @LongRange(min = 0, max = 99_999_999_999L) long n) {
        assertThat(Numbers.number(prefix, year, n)).isEqualTo(String.format(Locale.ROOT, "%s-%d-%06d", prefix, year, n));
    }

    @Property(tries = 2)
    void theDigitsAreAsciiInAJvmWhoseDefaultLocaleHasItsOwnDigits(
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 0, max = 99_999_999L) Long> counters) throws Exception {
        List<String> lines = inOwnDigitsJvm(counters);
        // the child's default locale writes numbers in its own digits: a number formatted with it would not pass below
        assertThat(lines.get(0)).isEqualTo(String.format(OWN_DIGITS, "%d", 2026)).isNotEqualTo("2026");
        List<String> expected = counters.stream().map(n -> String.format(Locale.ROOT, "TK-2026-%06d", n)).toList();
        assertThat(lines.subList(1, lines.size())).isEqualTo(expected).allMatch(s -> s.matches("TK-2026-[0-9]{6,}"));
    }

    /** @return what {@link InOwnDigits} printed in a JVM whose default locale is {@link #OWN_DIGITS} */
    private static List<String> inOwnDigitsJvm(List<Long> counters) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Duser.language=" + OWN_DIGITS.getLanguage(), "-Duser.country=" + OWN_DIGITS.getCountry(), "-Duser.extensions=u-nu-arab",
                "-cp", System.getProperty("java.class.path"), InOwnDigits.class.getName()));
        counters.forEach(n -> command.add(Long.toString(n)));
        // its error stream (a JVM warning, JAVA_TOOL_OPTIONS) goes to this test's output, not into the lines read
        Path printed = Files.createTempFile("own-digits", ".txt");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(printed.toFile()).start();
        boolean ended = p.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(printed, StandardCharsets.UTF_8);
        Files.delete(printed);
        assertThat(ended).as("the child JVM ended within 2 minutes").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    /** Runs in the child JVM: the default locale's rendering of 2026, then the ticket number of each counter. */
    static final class InOwnDigits {
        private InOwnDigits() {
        }

        public static void main(String[] args) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println(String.format("%d", 2026));
            for (String n : args) {
                out.println(Numbers.number("TK", 2026, Long.parseLong(n)));
            }
        }
    }
}
