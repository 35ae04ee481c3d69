package dev.oakit.ticket.internal.store;

import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketPlugin;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ratings without a day (given before V72) get theirs from {@link RatingRepository#fillDays} a thousand at a time:
 * more ratings than two rounds all get the day of their instant in the reports' zone, in one read and one batch of
 * updates per round, and another tenant's keep none.
 */
class RatingDaysTest {
    @DbTest
    void ratingsWithoutADayGetTheirsAThousandAtATime(TestDatabase db) throws Exception {
        int n = 2 * RatingRepository.FILL_CHUNK + 500;
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDateTime t0 = LocalDateTime.of(2025, 3, 1, 0, 0); // UTC, as stored
        Map<Long, LocalDate> expected = new HashMap<>();
        db.start(b -> b.plugin(new TicketPlugin()));
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO oa_tk_rating (tenant_id, ticket_id, resolution, score, rated_by, rated_at)"
                     + " VALUES (?, ?, 1, ?, 'alice', ?)")) {
            for (int i = 0; i <= n; i++) {
                LocalDateTime at = t0.plusMinutes(i * 37L); // across the zone's midnight (16:00 UTC) many times
                p.setString(1, i == n ? "other" : "acme");
                p.setLong(2, i + 1L);
                p.setInt(3, i % 5 + 1);
                p.setObject(4, at);
                p.addBatch();
                if (i < n) {
                    expected.put(i + 1L, at.toInstant(ZoneOffset.UTC).atZone(zone).toLocalDate());
                }
            }
            p.executeBatch();
        }

        CountingDataSource counting = new CountingDataSource(db.dataSource());
        counting.logging(true);
        int dated = Jdbi.create(counting).inTransaction(h -> new RatingRepository().fillDays(h, "acme", zone));

        assertThat(dated).isEqualTo(n);
        assertThat(counting.count()).as("a read and a batch of updates per thousand: %s", counting.log()).isEqualTo(6);
        Map<Long, LocalDate> days = new HashMap<>();
        Jdbi.create(db.dataSource()).useHandle(h -> h.createQuery("SELECT ticket_id, rated_day FROM oa_tk_rating WHERE tenant_id = 'acme'")
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class)}).forEach(r -> days.put((Long) r[0], (LocalDate) r[1])));
        assertThat(days).isEqualTo(expected);
        assertThat(db.queryLong("SELECT COUNT(*) FROM oa_tk_rating WHERE tenant_id = 'other' AND rated_day IS NULL")).isEqualTo(1);

        counting.reset();
        int again = Jdbi.create(counting).inTransaction(h -> new RatingRepository().fillDays(h, "acme", zone));
        assertThat(again).isZero();
        assertThat(counting.count()).as("nothing left: one read").isEqualTo(1);
    }
}
