package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.workflow.HistoryEntry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.WithNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A timeline line is one JSON object on one line, byte for byte what a Jackson tree of the same fields writes (the lines
 * stored before it was written field by field), and reads back as the entry.
 */
class TimelineLinePropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300)
    void a_line_reads_back_as_its_entry_and_matches_the_tree_form(@ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long micros,
            @ForAll String action, @ForAll String actor, @ForAll @WithNull String onBehalfOf, @ForAll @WithNull String node,
            @ForAll @WithNull Long task, @ForAll @WithNull String comment, @ForAll @WithNull String detail) throws Exception {
        HistoryEntry e = new HistoryEntry(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), action, actor, onBehalfOf, node, task,
                comment, detail);
        String line = Timeline.line(JSON, e);
        assertThat(line).endsWith("\n");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).isEqualTo(tree(e));
        assertThat(Timeline.parse(JSON, line + line)).isEqualTo(List.of(e, e));
    }

    /** Strings made of what JSON escapes (quotes, backslashes, every control character) and what it leaves alone. */
    @Property(tries = 300)
    void escapes_are_those_of_jackson(@ForAll("awkward") String action, @ForAll("awkward") String comment,
                                      @ForAll("awkward") String detail) throws Exception {
        HistoryEntry e = new HistoryEntry(Instant.parse("2026-12-07T10:00:00.123456Z"), action, "u" + action, null, "n", 7L,
                comment, detail);
        assertThat(Timeline.line(JSON, e)).isEqualTo(tree(e));
        assertThat(Timeline.parse(JSON, Timeline.line(JSON, e))).isEqualTo(List.of(e));
    }

    @Provide
    Arbitrary<String> awkward() {
        return Arbitraries.strings().withCharRange('\u0000', '\u0021').withChars('"', '\\', '/', '\u007f', '\u0080', '\u2028', '\u00e9',
                '\u5ba1', '\ud83d', '\ude00', 'a', 'Z', '{', '}').ofMaxLength(12);
    }

    /** The form lines had when they were written from a tree. */
    private static String tree(HistoryEntry e) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("at", e.at().truncatedTo(ChronoUnit.MICROS).toString());
        n.put("a", e.action());
        n.put("u", e.actorId());
        if (e.onBehalfOf() != null) {
            n.put("b", e.onBehalfOf());
        }
        if (e.nodeId() != null) {
            n.put("n", e.nodeId());
        }
        if (e.taskId() != null) {
            n.put("t", e.taskId());
        }
        if (e.comment() != null) {
            n.put("c", e.comment());
        }
        if (e.detail() != null) {
            n.put("d", e.detail());
        }
        return JSON.writeValueAsString(n) + "\n";
    }
}
