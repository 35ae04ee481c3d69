package dev.oakit.ticket.internal.store;

import dev.oakit.core.spi.HeldStatements;
import dev.oakit.core.spi.OaDatabase;
import dev.oakit.core.spi.PlainJdbc;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Every statement on {@code oa_tk_counter}: one row per tenant and year, the last ticket number given. The
 * increment locks the row until the create command commits, so two creates never get the same number.
 */
@Singleton
public final class CounterRepository {
    private final OaDatabase database;

    @Inject
    public CounterRepository(OaDatabase database) {
        this.database = database;
    }

    /**
     * Moves the year's counter on and reads it, in one statement where the database returns an updated row
     * (PostgreSQL {@code RETURNING}, H2 {@code FINAL TABLE}) or its driver the value of {@code LAST_INSERT_ID(expr)}
     * (MariaDB), the database as core detected it ({@link OaDatabase}).
     *
     * @return the new last number, or empty when the year has no counter yet
     */
    public java.util.OptionalLong next(Handle h, String tenant, int year) {
        java.util.Optional<Long> n = switch (database.product()) {
            case POSTGRESQL -> next(h, NEXT_RETURNING, tenant, year);
            case H2 -> next(h, NEXT_FINAL_TABLE, tenant, year);
            case MARIADB -> {
                // LAST_INSERT_ID(expr) hands the new value to the driver in the update's own answer, read as its generated key
                java.util.Optional<Long> v = h.createUpdate("UPDATE oa_tk_counter SET last_value = LAST_INSERT_ID(last_value + 1) WHERE tenant_id = :t AND yr = :y")
                        .bind("t", tenant).bind("y", year).executeAndReturnGeneratedKeys().mapTo(Long.class).findFirst().filter(x -> x > 0); // 0: nothing updated
                // no counter yet, or a driver that does not pass the value on: the read tells which
                yield v.isPresent() ? v : h.createQuery("SELECT last_value FROM oa_tk_counter WHERE tenant_id = :t AND yr = :y")
                        .bind("t", tenant).bind("y", year).mapTo(Long.class).findOne();
            }
        };
        return n.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    private static final String NEXT = "UPDATE oa_tk_counter SET last_value = last_value + 1 WHERE tenant_id = ? AND yr = ?";
    private static final String NEXT_RETURNING = NEXT + " RETURNING last_value";
    private static final String NEXT_FINAL_TABLE = "SELECT last_value FROM FINAL TABLE (" + NEXT + ")";

    /** Every create's first statement: plain JDBC held per connection ({@link HeldStatements}). */
    private static java.util.Optional<Long> next(Handle h, String sql, String tenant, int year) {
        return PlainJdbc.one(h, PlainJdbc.Prepared.HELD, sql, p -> {
            p.setString(1, tenant);
            p.setInt(2, year);
        }, rs -> rs.getLong(1));
    }

    /** Opens the year's counter at 0; a concurrent opener fails on the primary key. */
    public void open(Handle h, String tenant, int year) {
        h.createUpdate("INSERT INTO oa_tk_counter (tenant_id, yr, last_value) VALUES (:t, :y, 0)")
                .bind("t", tenant).bind("y", year).execute();
    }

    /** @return the year's last number */
    public long value(Handle h, String tenant, int year) {
        return h.createQuery("SELECT last_value FROM oa_tk_counter WHERE tenant_id = :t AND yr = :y")
                .bind("t", tenant).bind("y", year).mapTo(Long.class).one();
    }
}
