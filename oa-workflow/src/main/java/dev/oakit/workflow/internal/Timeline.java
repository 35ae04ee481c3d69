package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.workflow.HistoryEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The inline timeline of an instance: its history entries as JSON lines in the instance row's
 * {@code timeline} column, appended by the statement that saves the instance's state, so that
 * recording a step costs no statement of its own. An instance keeps at most {@link #INLINE_LIMIT}
 * characters inline; after that (and for instances started before the column existed) entries go
 * to {@code oa_wf_history}, and readers take the inline lines first, then that table's rows.
 */
public final class Timeline {
    /** Characters of JSON lines one instance keeps inline (about a hundred steps). */
    public static final int INLINE_LIMIT = 16_000;
    /** {@link InstanceState#timelineChars} of an instance whose later entries go to {@code oa_wf_history}. */
    public static final int SPILLED = -1;

    private Timeline() {
    }

    /**
     * @return one JSON line (ending with a line break) for an entry; written field by field by the mapper's own generator
     *     (every command writes one or two, and a tree per line cost more than the writing)
     */
    public static String line(ObjectMapper json, HistoryEntry e) {
        java.io.StringWriter out = new java.io.StringWriter(128);
        try (com.fasterxml.jackson.core.JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("at", e.at().truncatedTo(ChronoUnit.MICROS).toString());
            g.writeStringField("a", e.action());
            g.writeStringField("u", e.actorId());
            writeIfSet(g, "b", e.onBehalfOf());
            writeIfSet(g, "n", e.nodeId());
            if (e.taskId() != null) {
                g.writeNumberField("t", e.taskId());
            }
            writeIfSet(g, "c", e.comment());
            writeIfSet(g, "d", e.detail());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.append('\n').toString();
    }

    private static void writeIfSet(com.fasterxml.jackson.core.JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** @return the entries of an inline timeline, in order; none for null */
    public static List<HistoryEntry> parse(ObjectMapper json, String lines) {
        List<HistoryEntry> out = new ArrayList<>();
        if (lines == null || lines.isEmpty()) {
            return out;
        }
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = json.readTree(line);
                out.add(new HistoryEntry(Instant.parse(n.get("at").asText()), n.get("a").asText(), n.get("u").asText(),
                        text(n, "b"), text(n, "n"), n.hasNonNull("t") ? n.get("t").asLong() : null, text(n, "c"), text(n, "d")));
            } catch (IOException ex) {
                throw new IllegalStateException("unreadable timeline line: " + line, ex);
            }
        }
        return out;
    }

    /**
     * @param state the instance's state as stored
     * @return false when every entry of the instance is inline (it started with the inline timeline
     *     and never outgrew it), true otherwise
     */
    public static boolean mayHaveRowsInHistoryTable(ObjectMapper json, String state) {
        try {
            JsonNode chars = json.readTree(state).get("timelineChars");
            return chars == null || !chars.isNumber() || chars.asInt() == SPILLED;
        } catch (IOException ex) {
            return true;
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
