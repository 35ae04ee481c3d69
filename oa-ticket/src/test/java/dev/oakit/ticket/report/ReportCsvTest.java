package dev.oakit.ticket.report;

import dev.oakit.ticket.sla.SlaTarget;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4180 quoting, the byte-order mark for Excel, the formula guard, and each report's header and cells. */
class ReportCsvTest {
    static final ReportFilter F = ReportFilter.between(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22));

    /** A one-column table of the given cells. */
    static ReportTable column(String... cells) {
        return new ReportTable() {
            @Override
            public List<String> header() {
                return List.of("value");
            }

            @Override
            public List<List<String>> cells() {
                return java.util.Arrays.stream(cells).map(List::of).toList();
            }
        };
    }

    @Test
    void quotesCommasQuotesAndLineBreaksAndEndsLinesWithCrLf() {
        assertThat(ReportCsv.toCsv(column("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "打印机")))
                .isEqualTo("value\r\nplain\r\n\"a,b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"cr\rhere\"\r\n\r\n打印机\r\n");
    }

    @Test
    void guardsCellsASpreadsheetWouldRunAsFormulas() {
        assertThat(ReportCsv.toCsv(column("=SUM(A1:A9)", "+1", "-2", "@cmd", "\tx", "a=b", "=HYPERLINK(\"http://x\",\"y\")")))
                .isEqualTo("value\r\n'=SUM(A1:A9)\r\n'+1\r\n'-2\r\n'@cmd\r\n'\tx\r\na=b\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
        assertThat(ReportCsv.toCsv(column("=1+1"), new ReportCsv.Options(false, false))).isEqualTo("value\r\n=1+1\r\n");
    }

    @Test
    void excelOptionWritesUtf8WithAByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReportCsv.write(column("软件"), bytes, ReportCsv.Options.excel());
        byte[] b = bytes.toByteArray();
        assertThat(new byte[]{b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(b, 3, b.length - 3, StandardCharsets.UTF_8)).isEqualTo("value\r\n软件\r\n");
        assertThat(ReportCsv.toCsv(column("x"), ReportCsv.Options.excel())).startsWith("\uFEFFvalue");
        assertThat(ReportCsv.toCsv(column("x"))).startsWith("value");
    }

    @Test
    void everyReportHasAHeaderRowAndOneLinePerRow() {
        assertThat(ReportCsv.toCsv(new WorkloadReport(F, List.of(new WorkloadReport.Row("carol", 2, 1, 3, 45)))))
                .isEqualTo("agent,assigned,resolved,open,minutes_logged\r\ncarol,2,1,3,45\r\n");
        assertThat(ReportCsv.toCsv(new CategoryReport(F, List.of(new CategoryReport.Row("hw", "硬件, 外设", null, 0, 1, 3, 0, 2),
                new CategoryReport.Row(null, "", null, 0, 1, 1, 0, 0)))))
                .isEqualTo("category,name,parent,depth,created,created_with_subtree,resolved,resolved_with_subtree\r\n"
                        + "hw,\"硬件, 外设\",,0,1,3,0,2\r\n,,,0,1,1,0,0\r\n");
        assertThat(ReportCsv.toCsv(new VolumeReport(F, VolumeReport.Period.WEEK,
                List.of(new VolumeReport.Row(LocalDate.of(2026, 11, 16), "2026-W47", 6, 3)))))
                .isEqualTo("week,start,created,resolved\r\n2026-W47,2026-11-16,6,3\r\n");
        assertThat(ReportCsv.toCsv(new SlaReport(F, List.of(new SlaReport.Row(SlaTarget.RESOLUTION, 1, 2),
                new SlaReport.Row(SlaTarget.FIRST_RESPONSE, 0, 0)))))
                .isEqualTo("target,met,breached,compliance\r\nRESOLUTION,1,2,0.3333\r\nFIRST_RESPONSE,0,0,\r\n");
        assertThat(ReportCsv.toCsv(new ResponseTimeReport(F, List.of(new ResponseTimeReport.Row(null, 2, Duration.ofSeconds(2700),
                Duration.ofMinutes(60), 0, null, null)))))
                .isEqualTo("queue,responded,median_first_response_min,p90_first_response_min,resolved,median_resolution_min,p90_resolution_min\r\n"
                        + "*,2,45.0,60.0,0,,\r\n");
        assertThat(ReportCsv.toCsv(new RatingReport(F, List.of(new RatingReport.Row(null, List.of(0L, 0L, 1L, 1L, 1L))))))
                .isEqualTo("queue,ratings,average,score_1,score_2,score_3,score_4,score_5\r\n*,3,4.0000,0,0,1,1,1\r\n");
        assertThat(ReportCsv.toCsv(new BacklogReport(F, java.time.Instant.EPOCH, List.of(new BacklogReport.Row("it", 1, 2, 0, 1)))))
                .isEqualTo("queue,under_1d,1d_to_3d,3d_to_7d,over_7d,total\r\nit,1,2,0,1,4\r\n");
    }

    @Test
    void aRangeMustBeOrderedAndBounded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportFilter.between(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(dev.oakit.core.ValidationException.class).hasMessageContaining("swap them");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportFilter.between(null, LocalDate.of(2026, 1, 1)))
                .isInstanceOf(dev.oakit.core.ValidationException.class).hasMessageContaining("from");
    }
}
