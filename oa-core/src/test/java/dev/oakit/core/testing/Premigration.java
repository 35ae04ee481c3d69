package dev.oakit.core.testing;

import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.BootPlan;
import dev.oakit.core.internal.boot.Migrations;
import dev.oakit.core.internal.boot.OaKitImpl;
import dev.oakit.core.internal.db.Dialect;
import dev.oakit.testing.base.TestSchema;

import java.sql.SQLException;
import java.util.List;

/**
 * Lets a test's OAKit start on a schema that Flyway migrated for the same plugins in an earlier test of this JVM
 * ({@link TestSchema#prepare}): its start then finds every migration applied and runs none. Only when OAKit runs on the
 * test schema's own pool and nothing used the schema before; otherwise OAKit's start migrates as it always does.
 */
final class Premigration {
    private Premigration() {
    }

    /** Call between {@code build()} and {@code start()}. */
    static void prepare(TestSchema schema, OaKit oa) {
        if (!(oa instanceof OaKitImpl impl)) {
            return;
        }
        BootPlan plan = impl.injector().getInstance(BootPlan.class);
        if (plan.settings().dataSource() != schema.dataSource()) {
            return; // OAKit runs on another DataSource (a counting wrapper, another database): it migrates that one itself
        }
        Dialect dialect = Dialect.valueOf(schema.database().name());
        List<Migrations.Module> modules = Migrations.modules(plan, dialect);
        try {
            schema.prepare(modules.toString(), ds -> {
                for (Migrations.Module m : modules) {
                    Migrations.flyway(ds, dialect, m).migrate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot migrate a schema on " + schema.database().label() + " for " + modules + ": " + e.getMessage(), e);
        }
    }
}
