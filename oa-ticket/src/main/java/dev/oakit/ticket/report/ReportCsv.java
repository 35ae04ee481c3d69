package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link ReportTable} as CSV (RFC 4180): a header row, comma-separated cells, CRLF line
 * ends, cells with a comma, double quote, CR or LF quoted with inner quotes doubled. UTF-8,
 * optionally with a byte-order mark so Excel detects the encoding. By default a cell that starts
 * with {@code = + - @}, tab or CR is prefixed with a single quote, so a spreadsheet shows it as
 * text instead of running it as a formula (CSV injection). Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReportCsv {
    private static final char BOM = '\uFEFF';

    private ReportCsv() {
    }

    /**
     * How to write.
     *
     * @param byteOrderMark start with the UTF-8 byte-order mark (for Excel)
     * @param guardFormulas prefix cells that a spreadsheet would run as a formula with a single quote
     */
    public record Options(boolean byteOrderMark, boolean guardFormulas) {
        /** @return plain RFC 4180 with the formula guard, no byte-order mark */
        public static Options standard() {
            return new Options(false, true);
        }

        /** @return for Excel: with the byte-order mark and the formula guard */
        public static Options excel() {
            return new Options(true, true);
        }
    }

    /** @return the report as CSV text with {@link Options#standard()} */
    public static String toCsv(ReportTable report) {
        return toCsv(report, Options.standard());
    }

    /** @return the report as CSV text (with a leading {@code \uFEFF} when the options ask for the byte-order mark) */
    public static String toCsv(ReportTable report, Options options) {
        StringBuilder out = new StringBuilder();
        try {
            write(report, out, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws
        }
        return out.toString();
    }

    /** Writes the report as UTF-8 to the stream, which stays open (it is flushed). */
    public static void write(ReportTable report, OutputStream out, Options options) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        write(report, w, options);
        w.flush();
    }

    /** Writes the report's characters (the byte-order mark as {@code \uFEFF}) to any appendable. */
    public static void write(ReportTable report, Appendable out, Options options) throws IOException {
        if (options.byteOrderMark()) {
            out.append(BOM);
        }
        line(out, report.header(), options);
        for (List<String> row : report.cells()) {
            line(out, row, options);
        }
    }

    private static void line(Appendable out, List<String> cells, Options options) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i), options.guardFormulas()));
        }
        out.append("\r\n");
    }

    /** @return one cell, guarded and quoted as needed */
    static String cell(String value, boolean guardFormulas) {
        String v = value == null ? "" : value;
        if (guardFormulas && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
