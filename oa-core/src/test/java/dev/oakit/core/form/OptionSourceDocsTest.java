package dev.oakit.core.form;

import dev.oakit.core.Actor;
import dev.oakit.core.form.spi.OptionSource;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The option-source code of docs/forms.md is this class's code, compiled; the YAML there reads to the builder's schema. */
class OptionSourceDocsTest {

    /** What the booking plugin keeps: its rooms, open or closed. */
    interface RoomTable {
        List<FieldOption> open(String tenantId, String building);

        Map<String, Boolean> openByName(String tenantId, String building, Collection<String> names);
    }

    // tag::source[]
    static final class Rooms implements OptionSource {
        private final RoomTable rooms;   // the plugin's own table, read locally

        Rooms(RoomTable rooms) {
            this.rooms = rooms;
        }

        @Override
        public String id() {
            return "booking.room";
        }

        @Override
        public List<FieldOption> options(Actor actor, String building) {
            return rooms.open(actor.tenantId(), building);
        }

        @Override
        public Map<String, State> lookUp(Actor actor, String building, Collection<String> values) {
            return rooms.openByName(actor.tenantId(), building, values).entrySet().stream()   // one query
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() ? State.ACTIVE : State.INACTIVE));
        }
    }
    // end::source[]

    static final class BookingPlugin implements OaPlugin {
        private final RoomTable table;

        BookingPlugin(RoomTable table) {
            this.table = table;
        }

        @Override
        public String id() {
            return "booking";
        }

        @Override
        public void configure(OaPluginContext context) {
            // tag::contribute[]
            context.extension(OptionSource.class, new Rooms(table));
            // end::contribute[]
        }
    }

    static List<FieldOption> show(FormOptions formOptions, Actor alice) {
        // tag::builder[]
        FormSchema booking = FormSchema.builder("booking")
                .select("room", f -> f.required().optionsFrom("booking.room", "hq"))
                .build();
        List<FieldOption> rooms = formOptions.options(alice, booking.field("room"));   // formOptions = oa.service(FormOptions.class)
        // end::builder[]
        return rooms;
    }

    @Test
    void theDocShowsTheCompiledCode() throws Exception {
        String raw = Files.readString(Path.of("../docs/forms.md"));
        String doc = normalize(raw);
        String source = Files.readString(Path.of("src/test/java/dev/oakit/core/form/OptionSourceDocsTest.java"));
        Matcher m = Pattern.compile("// tag::(\\w+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL).matcher(source);
        int found = 0;
        while (m.find()) {
            found++;
            assertThat(doc).as("docs/forms.md shows the '" + m.group(1) + "' code").contains(normalize(m.group(2)));
        }
        assertThat(found).isEqualTo(3);
        int start = raw.indexOf("key: booking");
        String yaml = raw.substring(start, raw.indexOf("```", start));
        assertThat(FormSchema.fromYaml(yaml)).isEqualTo(FormSchema.builder("booking")
                .select("room", f -> f.required().optionsFrom("booking.room", "hq")).build());
    }

    private static String normalize(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + "\n" + b);
    }
}
