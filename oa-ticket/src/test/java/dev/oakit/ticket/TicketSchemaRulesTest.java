package dev.oakit.ticket;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every table of the plugin carries the prefix oa_tk_ and a tenant_id column. */
class TicketSchemaRulesTest {
    @DbTest
    void everyTicketTableHasThePrefixAndATenantColumn(TestDatabase db) throws Exception {
        new TicketFixture(db);
        List<String> tables = new ArrayList<>();
        List<String> withoutTenant = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!t.startsWith("oa_core_") && !t.equals("oa_ticket_schema_history")) {
                        tables.add(t);
                    }
                }
            }
            for (String t : tables) {
                boolean hasTenant = false;
                for (String name : new String[]{t, t.toUpperCase(Locale.ROOT)}) {
                    try (ResultSet cols = md.getColumns(c.getCatalog(), c.getSchema(), name, "%")) {
                        while (cols.next()) {
                            hasTenant |= cols.getString("COLUMN_NAME").equalsIgnoreCase("tenant_id");
                        }
                    }
                }
                if (!hasTenant) {
                    withoutTenant.add(t);
                }
            }
        }
        assertThat(tables).contains("oa_tk_ticket", "oa_tk_event", "oa_tk_counter", "oa_tk_queue");
        assertThat(tables).allSatisfy(t -> assertThat(t).startsWith("oa_tk_"));
        assertThat(withoutTenant).isEmpty();
    }
}
