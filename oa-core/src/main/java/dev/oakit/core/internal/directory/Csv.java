package dev.oakit.core.internal.directory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted cells may hold commas, quotes ("") and line breaks. */
final class Csv {
    private Csv() {
    }

    static List<List<String>> read(Reader input) {
        StringBuilder all = new StringBuilder();
        char[] buf = new char[8192];
        try {
            for (int n; (n = input.read(buf)) >= 0; ) {
                all.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import input", e);
        }
        String s = all.length() > 0 && all.charAt(0) == '\uFEFF' ? all.substring(1) : all.toString();
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                records.add(record);
                record = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
