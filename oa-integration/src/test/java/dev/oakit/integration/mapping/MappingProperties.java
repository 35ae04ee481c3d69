package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.oakit.core.ValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transforms are pure functions: round trips where they are invertible, exact decimals, time zones across DST. */
class MappingProperties {
    static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Sao_Paulo", "Asia/Shanghai", "UTC");

    static FieldMapping one(String localType, String transform) {
        return FieldMapping.parse("property", """
                mapping: p
                version: 1
                target: t
                entity: e
                local: {v: %s}
                fields:
                  - {from: v, to: r, transform: %s}
                """.formatted(localType, transform));
    }

    static JsonNode there(FieldMapping m, JsonNode v) {
        return m.toRemote(Values.NODES.objectNode().set("v", v)).get("r");
    }

    static JsonNode back(FieldMapping m, JsonNode r) {
        return m.toLocal(Values.NODES.objectNode().set("r", r)).get("v");
    }

    @Property
    void moneyIsTheDeclaredScaleAndRoundingExactlyAndComesBackUnchangedWhenItFits(
            @ForAll @BigRange(min = "-1000000000000", max = "1000000000000") @Scale(6) BigDecimal amount,
            @ForAll("roundings") RoundingMode rounding) {
        FieldMapping m = one("decimal", "{type: money, scale: 2, rounding: " + rounding + "}");
        JsonNode remote = there(m, DecimalNode.valueOf(amount));
        assertThat(remote.decimalValue()).isEqualTo(amount.setScale(2, rounding));
        assertThat(remote.decimalValue().scale()).isEqualTo(2);
        BigDecimal fits = amount.setScale(2, RoundingMode.DOWN);
        assertThat(back(m, there(m, DecimalNode.valueOf(fits))).decimalValue()).isEqualByComparingTo(fits);
    }

    @Provide
    Arbitrary<RoundingMode> roundings() {
        return Arbitraries.of(RoundingMode.class).filter(r -> r != RoundingMode.UNNECESSARY);
    }

    @Property
    void moneyAsTextNeverPassesThroughADouble(@ForAll @BigRange(min = "-99999999999999999", max = "99999999999999999") @Scale(2) BigDecimal amount) {
        FieldMapping m = one("decimal", "{type: money, currency: EUR, rounding: UNNECESSARY, as: string}");
        // a double has 15-17 significant digits: these amounts have up to 19
        assertThat(there(m, TextNode.valueOf(amount.toPlainString())).textValue()).isEqualTo(amount.setScale(2).toPlainString());
    }

    @Example
    void unnecessaryRoundingRefusesAnAmountWithMoreDecimals() {
        FieldMapping m = one("decimal", "{type: money, currency: JPY, rounding: UNNECESSARY}");
        assertThat(there(m, DecimalNode.valueOf(new BigDecimal("1200"))).decimalValue()).hasToString("1200");
        assertThatThrownBy(() -> there(m, DecimalNode.valueOf(new BigDecimal("1200.5")))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("v: 1200.5 has more than 0 decimals");
    }

    @Property
    void exactUnitsRoundTripExactly(@ForAll @BigRange(min = "-1000000000", max = "1000000000") @Scale(9) BigDecimal quantity,
                                    @ForAll("exactPairs") String pair) {
        String[] u = pair.split(">");
        FieldMapping m = one("decimal", "{type: unit, from: " + u[0] + ", to: " + u[1] + "}");
        assertThat(back(m, there(m, DecimalNode.valueOf(quantity))).decimalValue()).isEqualByComparingTo(quantity);
    }

    @Provide
    Arbitrary<String> exactPairs() {
        return Arbitraries.of("g>kg", "kg>g", "mg>t", "oz>lb", "lb>oz", "mm>km", "cm>m", "ml>l", "m3>ml");
    }

    @Example
    void gramsToKilogramsIsExactAndPoundsNeedAScale() {
        FieldMapping m = one("decimal", "{type: unit, from: g, to: kg}");
        assertThat(there(m, DecimalNode.valueOf(new BigDecimal("1"))).decimalValue()).hasToString("0.001");
        FieldMapping lb = one("decimal", "{type: unit, from: kg, to: lb, scale: 3, rounding: HALF_UP}");
        assertThat(there(lb, DecimalNode.valueOf(new BigDecimal("1"))).decimalValue()).hasToString("2.205");
    }

    @Property
    void datesRoundTripInAnyPattern(@ForAll("dates") LocalDate date, @ForAll("datePatterns") String pattern) {
        FieldMapping m = one("date", "{type: date, format: '" + pattern + "'}");
        assertThat(back(m, there(m, TextNode.valueOf(date.toString()))).asText()).isEqualTo(date.toString());
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2200, 12, 31).toEpochDay()).map(LocalDate::ofEpochDay);
    }

    @Provide
    Arbitrary<String> datePatterns() {
        return Arbitraries.of("yyyy-MM-dd", "dd.MM.yyyy", "MM/dd/yyyy", "yyyyMMdd");
    }

    /**
     * An instant sent as wall-clock text in a zone comes back as itself, except in the hour a DST end repeats:
     * there the text is read with the declared offset (earlier or later), and the other reading is an hour off.
     */
    @Property(tries = 2000)
    void instantsRoundTripThroughAZoneExceptTheRepeatedHourWhichResolvesAsDeclared(@ForAll("nearTransitions") Instant instant,
                                                                                 @ForAll("zones") String zone,
                                                                                 @ForAll boolean later) {
        FieldMapping m = one("datetime", "{type: datetime, zone: " + zone + ", overlap: " + (later ? "later" : "earlier") + "}");
        Instant back = Instant.parse(back(m, there(m, TextNode.valueOf(instant.toString()))).asText());
        var rules = ZoneId.of(zone).getRules();
        var wall = java.time.LocalDateTime.ofInstant(instant, ZoneId.of(zone));
        var offsets = rules.getValidOffsets(wall);
        if (offsets.size() == 2) {
            var chosen = later ? offsets.get(1) : offsets.get(0);
            assertThat(back).isEqualTo(wall.toInstant(chosen));
        } else {
            assertThat(back).isEqualTo(instant);
        }
        FieldMapping withOffset = one("datetime", "{type: datetime, format: \"yyyy-MM-dd'T'HH:mm:ssXXX\", zone: " + zone + "}");
        assertThat(Instant.parse(back(withOffset, there(withOffset, TextNode.valueOf(instant.toString()))).asText()))
                .as("an offset in the format makes it exact").isEqualTo(instant);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    @Provide
    Arbitrary<Instant> nearTransitions() {
        List<Instant> transitions = new ArrayList<>();
        for (String z : ZONES) {
            var rules = ZoneId.of(z).getRules();
            ZoneOffsetTransition t = rules.nextTransition(Instant.parse("2025-06-01T00:00:00Z"));
            for (int i = 0; i < 4 && t != null; i++) {
                transitions.add(t.getInstant());
                t = rules.nextTransition(t.getInstant());
            }
        }
        Arbitrary<Instant> near = Arbitraries.of(transitions).flatMap(t -> Arbitraries.longs().between(-3 * 3600, 3 * 3600).map(t::plusSeconds));
        Arbitrary<Instant> any = Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
        return Arbitraries.oneOf(near, any);
    }

    @Example
    void aRemoteTimeInTheSpringGapMovesForwardAndInTheAutumnOverlapTakesTheDeclaredOffset() {
        FieldMapping earlier = one("datetime", "{type: datetime, zone: Europe/Berlin}");
        FieldMapping later = one("datetime", "{type: datetime, zone: Europe/Berlin, overlap: later}");
        // 2026-03-29 02:30 does not exist in Berlin: clocks jump from 02:00 to 03:00
        assertThat(back(earlier, TextNode.valueOf("2026-03-29 02:30:00")).asText()).isEqualTo("2026-03-29T01:30:00Z");
        // 2026-10-25 02:30 happens twice: CEST (UTC+2), then CET (UTC+1)
        assertThat(back(earlier, TextNode.valueOf("2026-10-25 02:30:00")).asText()).isEqualTo("2026-10-25T00:30:00Z");
        assertThat(back(later, TextNode.valueOf("2026-10-25 02:30:00")).asText()).isEqualTo("2026-10-25T01:30:00Z");
    }

    @Property
    void enumTablesRoundTripAndRefuseUnknownValues(@ForAll("levels") String level) {
        FieldMapping m = one("string", "{type: enum, values: {LOW: '0', NORMAL: '1', HIGH: '2'}}");
        assertThat(back(m, there(m, TextNode.valueOf(level))).asText()).isEqualTo(level);
        assertThatThrownBy(() -> there(m, TextNode.valueOf(level.toLowerCase(java.util.Locale.ROOT)))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("is not a local value of the enum table [LOW, NORMAL, HIGH]");
        assertThatThrownBy(() -> back(m, TextNode.valueOf("3"))).hasMessageContaining("'3' is not a remote value");
    }

    @Provide
    Arbitrary<String> levels() {
        return Arbitraries.of("LOW", "NORMAL", "HIGH");
    }
}
