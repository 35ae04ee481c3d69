package dev.oakit.core.internal.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores instants as UTC wall-clock timestamps through {@link LocalDateTime}, so that no JDBC
 * driver applies the JVM's time zone (which would shift values that fall in a DST gap).
 */
public final class InstantAsUtc {
    private InstantAsUtc() {
    }

    /** Registers the argument factory and column mapper on a Jdbi. */
    public static void install(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, toDb(value));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (ColumnMapper<Instant>) (r, i, ctx) -> {
            LocalDateTime ldt = r.getObject(i, LocalDateTime.class);
            return ldt == null ? null : ldt.toInstant(ZoneOffset.UTC);
        });
    }

    /** @return the value to bind for an instant */
    public static LocalDateTime toDb(Instant value) {
        return value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC);
    }
}
