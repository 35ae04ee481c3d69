package dev.oakit.core.kernel;

import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every table core creates carries the module prefix and a tenant_id column. */
class SchemaRulesTest {
    @DbTest
    void everyCoreTableHasThePrefixAndATenantColumn(TestDatabase db) throws Exception {
        db.start();
        List<String> tables = new ArrayList<>();
        List<String> withoutTenant = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = c.getCatalog();
            String schema = c.getSchema();
            try (ResultSet rs = md.getTables(catalog, schema, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            for (String t : tables) {
                if (t.endsWith("_schema_history")) {
                    continue;
                }
                boolean hasTenant = false;
                for (String name : new String[]{t, t.toUpperCase(Locale.ROOT)}) {
                    try (ResultSet cols = md.getColumns(catalog, schema, name, "%")) {
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
        assertThat(tables).contains("oa_core_job", "oa_core_outbox", "oa_core_audit", "oa_core_schema_history");
        assertThat(tables).allSatisfy(t -> assertThat(t).startsWith("oa_core_"));
        assertThat(withoutTenant).isEmpty();
    }
}
