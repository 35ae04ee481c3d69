package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.form.spi.OptionSource;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Select fields whose options come from a plugin's option source: listed, checked, and named in the definition. */
class OptionSourceTest {
    private static final Actor ANN = Actor.of("acme", "ann");

    /** Rooms of a booking plugin: room 3 is closed. */
    static final class Rooms implements OptionSource {
        final AtomicInteger lookUps = new AtomicInteger();

        @Override
        public String id() {
            return "test.room";
        }

        @Override
        public List<FieldOption> options(Actor actor, String target) {
            return List.of(new FieldOption("r1", "Room 1 (" + target + ")"), new FieldOption("r2", "Room 2 (" + target + ")"));
        }

        @Override
        public Map<String, State> lookUp(Actor actor, String target, Collection<String> values) {
            lookUps.incrementAndGet();
            Map<String, State> known = new LinkedHashMap<>();
            for (String v : values) {
                if (v.equals("r1") || v.equals("r2")) {
                    known.put(v, State.ACTIVE);
                } else if (v.equals("r3")) {
                    known.put(v, State.INACTIVE);
                }
            }
            return known;
        }
    }

    static final class RoomsPlugin implements OaPlugin {
        final Rooms rooms = new Rooms();

        @Override
        public String id() {
            return "test-rooms";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.extension(OptionSource.class, rooms);
        }
    }

    static final FormSchema BOOKING = FormSchema.fromYaml("""
            key: booking
            fields:
              - key: room
                type: select
                required: true
                options: {source: test.room, target: hq}
              - key: spare
                type: multiSelect
                options: {source: test.room, target: hq}
            """);

    @Test
    void aSourceIsPartOfTheDefinitionInBothFormats() {
        FormSchema built = FormSchema.builder("booking")
                .select("room", f -> f.required().optionsFrom("test.room", "hq"))
                .multiSelect("spare", f -> f.optionsFrom("test.room", "hq"))
                .build();
        assertThat(built).isEqualTo(BOOKING);
        assertThat(FormSchema.fromTree(BOOKING.toTree())).isEqualTo(BOOKING);
        assertThat(BOOKING.toJsonSchema().at("/properties/room").has("enum")).isFalse();
    }

    @Test
    void aSourceOnlyFitsSelectsAndReplacesTheListedOptions() {
        assertThatThrownBy(() -> FormSchema.fromYaml("""
                key: bad
                fields:
                  - {key: note, type: text, options: {source: test.room}}
                  - {key: room, type: select, options: {target: hq}}
                """))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(ValidationException.Problem::path)
                        .containsExactlyInAnyOrder("fields[0].options.source", "fields[1].options.source"));
        assertThatThrownBy(() -> FormSchema.builder("bad").select("room", f -> f.options("r1").optionsFrom("test.room", null)).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("fields[0].options").hasMessageContaining("keep one of them");
    }

    @DbTest
    void optionsComeFromTheSourceAndSubmittedValuesAreCheckedAgainstIt(TestDatabase db) {
        RoomsPlugin plugin = new RoomsPlugin();
        OaKit oa = db.start(b -> b.plugin(plugin));
        FormOptions options = oa.service(FormOptions.class);

        assertThat(options.options(ANN, BOOKING.field("room"))).extracting(FieldOption::value).containsExactly("r1", "r2");
        assertThat(options.options(ANN, BOOKING.field("room")).get(0).label()).isEqualTo("Room 1 (hq)");
        assertThat(options.unknownSources(BOOKING, "form")).isEmpty();

        BOOKING.validate(data("{\"room\":\"r9\"}"));   // static checks leave the value to the source
        int before = plugin.rooms.lookUps.get();
        options.check(ANN, BOOKING, data("{\"room\":\"r1\",\"spare\":[\"r2\",\"r1\"]}"), null);
        assertThat(plugin.rooms.lookUps.get() - before).as("one look-up per field").isEqualTo(2);

        assertThatThrownBy(() -> options.check(ANN, BOOKING, data("{\"room\":\"r9\",\"spare\":[\"r1\",\"r3\"]}"), null))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).containsExactly(
                        new ValidationException.Problem("room", "'r9' is not an option of field 'room'; its options come from "
                                + "source 'test.room' (target 'hq'): choose one of those FormOptions.options lists"),
                        new ValidationException.Problem("spare[1]", "'r3' is no longer offered by source 'test.room' (target 'hq') "
                                + "(disabled or archived); choose an active option for field 'spare'")));

        // a change checks only what changed: the closed room kept from before is not refused again
        options.check(ANN, BOOKING, data("{\"room\":\"r2\",\"spare\":[\"r3\"]}"), data("{\"room\":\"r1\",\"spare\":[\"r3\"]}"));
    }

    @DbTest
    void aFormNamingASourceNoPluginContributesIsADefinitionError(TestDatabase db) {
        OaKit oa = db.start();
        FormOptions options = oa.service(FormOptions.class);
        assertThat(options.unknownSources(BOOKING, "form")).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo("form.fields[0].options.source");
            assertThat(p.message()).isEqualTo("field 'room' takes its options from source 'test.room', which no installed plugin "
                    + "contributes; install the plugin that offers it");
        });
        assertThatThrownBy(() -> options.options(ANN, BOOKING.field("room"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("field 'room'");
    }

    private static JsonNode data(String json) {
        try {
            return Json.JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
