package dev.oakit.ticket.internal.runner;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A ticket number is the text {@code String.format} made of it, in ASCII digits whatever the default locale. */
class NumbersProperties {
    @Property
    void aNumberIsPrefixYearAndTheCounterPaddedToSixDigits(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String prefix,
                                                          @ForAll @IntRange(min = 1970, max = 9999) int year,
                                                          @ForAll @LongRange(min = 0, max = 99_999_999_999L) long n) {
        assertThat(Numbers.number(prefix, year, n)).isEqualTo(String.format(Locale.ROOT, "%s-%d-%06d", prefix, year, n));
    }

    @Property(tries = 10)
    void theDigitsAreAsciiInALocaleWithItsOwnDigits(@ForAll @LongRange(min = 0, max = 999_999) long n) {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
            assertThat(Numbers.number("TK", 2026, n)).matches("TK-2026-[0-9]{6}");
        } finally {
            Locale.setDefault(before);
        }
    }
}
