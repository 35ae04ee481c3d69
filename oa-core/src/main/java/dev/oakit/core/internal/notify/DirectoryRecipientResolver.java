package dev.oakit.core.internal.notify;

import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.RecipientResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The default {@link RecipientResolver}: reads {@code email} / {@code mobile} of the directory's
 * {@code oa_core_user} table ({@code tenant_id}, {@code id}) when the table exists, else finds
 * nothing. The directory module may replace it with its own resolver.
 */
@Singleton
public final class DirectoryRecipientResolver implements RecipientResolver {
    private final Commands commands;
    private volatile boolean tableSeen;

    @Inject
    public DirectoryRecipientResolver(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Optional<String> address(String tenantId, String userId, AddressKind kind) {
        String column = switch (kind) {
            case EMAIL -> "email";
            case MOBILE -> "mobile";
            default -> null;
        };
        if (column == null) {
            return Optional.empty();
        }
        return commands.query(h -> {
            // a failed query would abort the surrounding transaction on PostgreSQL, so look first
            if (!tableSeen && !tableExists(h)) {
                return Optional.empty();
            }
            tableSeen = true;
            return h.createQuery("SELECT " + column + " FROM oa_core_user WHERE tenant_id = :t AND id = :u")
                    .bind("t", tenantId).bind("u", userId).mapTo(String.class).findOne()
                    .filter(s -> !s.isBlank());
        });
    }

    private static boolean tableExists(Handle h) {
        try {
            Connection c = h.getConnection();
            DatabaseMetaData md = c.getMetaData();
            for (String name : new String[] {"oa_core_user", "OA_CORE_USER"}) {
                try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            return false;
        }
    }
}
