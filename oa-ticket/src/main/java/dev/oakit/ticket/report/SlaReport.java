package dev.oakit.ticket.report;

import dev.oakit.ticket.sla.SlaTarget;
import org.apiguardian.api.API;

import java.util.List;

/**
 * SLA compliance per target: outcomes that became known on a day of the range (met when the
 * target was reached, breached when it was missed). Every target is listed.
 *
 * @param filter what the report covers
 * @param rows one row per target, in the order of {@link SlaTarget}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SlaReport(ReportFilter filter, List<Row> rows) implements ReportTable {
    /** Copies the rows. */
    public SlaReport {
        rows = List.copyOf(rows);
    }

    /**
     * One target.
     *
     * @param target the target
     * @param met outcomes met
     * @param breached outcomes breached
     */
    public record Row(SlaTarget target, long met, long breached) {
        /** @return met / (met + breached), or null without outcomes */
        public Double compliance() {
            return met + breached == 0 ? null : (double) met / (met + breached);
        }
    }

    @Override
    public List<String> header() {
        return List.of("target", "met", "breached", "compliance");
    }

    @Override
    public List<List<String>> cells() {
        return rows.stream().map(r -> List.of(r.target().name(), Cells.of(r.met()), Cells.of(r.breached()), Cells.decimal(r.compliance())))
                .toList();
    }
}
