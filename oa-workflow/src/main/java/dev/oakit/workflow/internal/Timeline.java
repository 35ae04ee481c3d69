package dev.oakit.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.workflow.HistoryEntry;

import java.io.IOException;
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

    /** @return one JSON line (ending with a line break) for an entry; see {@link #line(StringBuilder, HistoryEntry)} */
    public static String line(ObjectMapper json, HistoryEntry e) {
        StringBuilder out = new StringBuilder(160);
        line(out, e);
        return out.toString();
    }

    /**
     * Appends one JSON line (ending with a line break) for an entry: written by hand, byte for byte what Jackson's generator
     * writes for the same fields with OAKit's mapper (its default escapes: quote, backslash and control characters, nothing
     * else), which every line stored so far is. Every command writes one or two; a generator per line (its context, buffers
     * and writer) cost more than the writing.
     */
    public static void line(StringBuilder out, HistoryEntry e) {
        out.append("{\"at\":\"").append(e.at().truncatedTo(ChronoUnit.MICROS)).append('"');
        field(out, "a", e.action());
        field(out, "u", e.actorId());
        if (e.onBehalfOf() != null) {
            field(out, "b", e.onBehalfOf());
        }
        if (e.nodeId() != null) {
            field(out, "n", e.nodeId());
        }
        if (e.taskId() != null) {
            out.append(",\"t\":").append(e.taskId().longValue());
        }
        if (e.comment() != null) {
            field(out, "c", e.comment());
        }
        if (e.detail() != null) {
            field(out, "d", e.detail());
        }
        out.append("}\n");
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A string field; null is written as JSON null, as the generator's {@code writeStringField} does. */
    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int from = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, from, i).append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            from = i + 1;
        }
        out.append(value, from, value.length()).append('"');
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
