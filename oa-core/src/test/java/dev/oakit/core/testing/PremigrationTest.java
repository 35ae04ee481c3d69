package dev.oakit.core.testing;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Directory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's OAKit starts on a schema that an earlier test's OAKit used, emptied since, and that schema is what OAKit's
 * own start makes of an empty one: the same tables, columns, indexes and keys (read through JDBC's metadata, not the
 * test kit's snapshot), the same applied migrations, no row of the earlier test.
 */
class PremigrationTest {

    @DbTest
    void aSchemaAnEarlierTestUsedIsWhatOaKitsOwnStartMakesOfAnEmptyOne(TestDatabase db) throws Exception {
        String used;
        try (TestDatabase earlier = TestDatabase.open(db.kind())) {
            Directory dir = earlier.start().service(Directory.class);
            DirectorySeed.of(dir, Actor.admin("acme", "root")).users("root", "zhao").admins("root").department("hq", null, "HQ");
            used = earlier.schemaName();
        }

        try (TestDatabase reused = TestDatabase.open(db.kind())) {
            reused.start();
            assertThat(reused.schemaName()).as("the earlier test's schema, handed on").isEqualTo(used);
            assertThat(reused.queryLong("SELECT COUNT(*) FROM oa_core_user")).isZero();

            db.dataSource().getConnection().close(); // in use before OAKit starts: its start migrates this empty schema itself
            db.start();
            assertThat(db.schemaName()).isNotEqualTo(used);

            assertThat(describe(reused)).isEqualTo(describe(db));
            assertThat(migrations(reused)).isEqualTo(migrations(db)).isNotEmpty();
        }
    }

    /** Every table with its columns, primary key, indexes and foreign keys, as JDBC's metadata tells them. */
    private static String describe(TestDatabase db) throws SQLException {
        TreeMap<String, List<String>> tables = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = c.getCatalog();
            String schema = c.getSchema();
            try (ResultSet t = md.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    tables.put(t.getString("TABLE_NAME"), new ArrayList<>());
                }
            }
            for (var e : tables.entrySet()) {
                String table = e.getKey();
                List<String> lines = e.getValue();
                rows(md.getColumns(catalog, schema, table, "%"), lines, "COLUMN_NAME", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS",
                        "IS_NULLABLE", "COLUMN_DEF", "IS_AUTOINCREMENT");
                rows(md.getPrimaryKeys(catalog, schema, table), lines, "COLUMN_NAME", "KEY_SEQ");
                rows(md.getIndexInfo(catalog, schema, table, false, false), lines, "INDEX_NAME", "NON_UNIQUE", "ORDINAL_POSITION", "COLUMN_NAME");
                rows(md.getImportedKeys(catalog, schema, table), lines, "FK_NAME", "FKCOLUMN_NAME", "PKTABLE_NAME", "PKCOLUMN_NAME", "DELETE_RULE");
                lines.sort(null);
            }
        }
        return String.join("\n", tables.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())
                .replace(db.schemaName(), "<schema>");
    }

    private static void rows(ResultSet rs, List<String> into, String... columns) throws SQLException {
        try (rs) {
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (String col : columns) {
                    line.append(col.toLowerCase(Locale.ROOT)).append('=').append(rs.getString(col)).append(' ');
                }
                into.add(line.toString().trim());
            }
        }
    }

    /** The applied migrations of every module: version, script, checksum, success. */
    private static List<String> migrations(TestDatabase db) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             ResultSet t = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%schema_history", new String[] {"TABLE"})) {
            List<String> histories = new ArrayList<>();
            while (t.next()) {
                histories.add(t.getString("TABLE_NAME"));
            }
            histories.sort(null);
            String q = c.getMetaData().getIdentifierQuoteString();
            for (String h : histories) {
                try (var s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT * FROM " + q + h + q + " ORDER BY 1")) {
                    while (rs.next()) {
                        // Flyway's columns: installed_rank, version, description, type, script, checksum, ..., success
                        all.add(h + " " + rs.getString(2) + " " + rs.getString(5) + " " + rs.getString(6) + " " + rs.getString(10));
                    }
                }
            }
        }
        return all;
    }
}
