package dev.oakit.ticket.report;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

/**
 * Ratings given on a day of the range: per queue (by key) and a last row for all (queue null).
 *
 * @param filter what the report covers
 * @param rows one row per queue with ratings, then the total
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RatingReport(ReportFilter filter, List<Row> rows) implements ReportTable {
    /** Copies the rows. */
    public RatingReport {
        rows = List.copyOf(rows);
    }

    /**
     * One queue, or all of them.
     *
     * @param queue the queue key, or null for the total
     * @param byScore how many ratings of 1, 2, 3, 4 and 5 (five entries)
     */
    public record Row(String queue, List<Long> byScore) {
        /** Copies the counts. */
        public Row {
            byScore = List.copyOf(byScore);
        }

        /** @return the number of ratings */
        public long ratings() {
            return byScore.stream().mapToLong(Long::longValue).sum();
        }

        /** @return the mean score, or null without ratings */
        public Double average() {
            long n = ratings();
            long sum = 0;
            for (int i = 0; i < byScore.size(); i++) {
                sum += (i + 1) * byScore.get(i);
            }
            return n == 0 ? null : (double) sum / n;
        }
    }

    /** @return the total row */
    public Row total() {
        return rows.get(rows.size() - 1);
    }

    @Override
    public List<String> header() {
        return List.of("queue", "ratings", "average", "score_1", "score_2", "score_3", "score_4", "score_5");
    }

    @Override
    public List<List<String>> cells() {
        return rows.stream().map(r -> {
            List<String> c = new ArrayList<>(List.of(r.queue() == null ? "*" : r.queue(), Cells.of(r.ratings()), Cells.decimal(r.average())));
            r.byScore().forEach(n -> c.add(Cells.of(n)));
            return List.copyOf(c);
        }).toList();
    }
}
