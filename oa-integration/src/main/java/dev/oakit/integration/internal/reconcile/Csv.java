package dev.oakit.integration.internal.reconcile;

import dev.oakit.integration.reconcile.Finding;

import java.util.List;

/** A report as CSV: RFC 4180 (fields with a comma, a quote or a line break quoted, quotes doubled, CRLF line ends). */
public final class Csv {
    /** The header line's columns. */
    public static final List<String> HEADER = List.of("kind", "target", "entity_type", "external_id", "key", "local_id", "detail");

    private Csv() {
    }

    /** @return the header and one line per finding */
    public static String of(String target, String entityType, List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        line(b, HEADER);
        for (Finding f : findings) {
            line(b, java.util.Arrays.asList(f.kind().name(), target, entityType, f.externalId(), f.key(), f.localId(), f.detail()));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields.get(i)));
        }
        b.append("\r\n");
    }

    /** @return the field, quoted when it must be; an absent value is empty */
    static String field(String v) {
        if (v == null) {
            return "";
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
