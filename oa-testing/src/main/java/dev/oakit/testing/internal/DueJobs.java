package dev.oakit.testing.internal;

import dev.oakit.testing.TestClock;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Waits until OAKit's job workers (polling every 20 ms on the test clock) have run every job due at the
 * clock's time. OAKit has no public "run due jobs now" command yet, so this reads core's job table
 * ({@code oa_core_job}: status and due time, stored in UTC) through the test's DataSource; the
 * workers themselves run the jobs, exactly as in production.
 */
final class DueJobs {
    private static final long TIMEOUT_MILLIS = 30_000;
    private static final String DUE = "SELECT COUNT(*) FROM oa_core_job WHERE status IN ('READY', 'RUNNING') AND due_at <= ?";

    private final DataSource dataSource;
    private final TestClock clock;

    DueJobs(DataSource dataSource, TestClock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    void run() {
        long until = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        int quiet = 0;
        long left = -1;
        // two quiet reads in a row: a job that just finished may have scheduled a follow-up due now
        while (quiet < 2) {
            left = due();
            quiet = left == 0 ? quiet + 1 : 0;
            if (System.nanoTime() > until) {
                throw new AssertionError(left + " due job(s) still ready or running after " + TIMEOUT_MILLIS / 1000
                        + " s at clock time " + clock.instant() + "; a job that keeps failing is retried on the test clock: see Jobs.dead(..)");
            }
            sleep();
        }
    }

    private long due() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(DUE)) {
            ps.setObject(1, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read OAKit's job table: " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for due jobs", e);
        }
    }
}
