package dev.oakit.core.internal.boot;

import dev.oakit.core.internal.db.Database;
import dev.oakit.core.internal.db.Dialect;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/** The Flyway set-up of core and every plugin: one history table per module. Used by start() and the health check. */
public final class Migrations {
    /** In a plugin's migration location, the database's folder name: {@code h2}, {@code postgresql} or {@code mariadb}. */
    public static final String VENDOR = "{vendor}";

    private Migrations() {
    }

    /** One module's migrations. */
    public record Module(String id, List<String> locations) {
    }

    /** @return core first, then each plugin with migrations, in dependency order */
    public static List<Module> modules(BootPlan plan, Dialect dialect) {
        List<Module> all = new ArrayList<>();
        // the few statements that must differ per database live in a vendor folder (see V4)
        String vendor = dialect.product().vendor();
        all.add(new Module("core", List.of("classpath:dev/oakit/core/db/migration", "classpath:dev/oakit/core/db/vendor/" + vendor)));
        for (PluginContextImpl c : plan.contexts) {
            if (!c.migrations.isEmpty()) {
                // a plugin's vendor folder: {vendor} in a location names the database (h2, postgresql, mariadb)
                all.add(new Module(c.pluginId, c.migrations.stream().map(l -> l.replace(VENDOR, vendor)).toList()));
            }
        }
        return all;
    }

    /** @return the module's Flyway on OAKit's data source */
    public static Flyway flyway(Database database, Module m) {
        return flyway(database.dataSource(), database.dialect(), m);
    }

    /** @return the module's Flyway on a data source of the dialect (OAKit's own tests migrate spare schemas with it) */
    public static Flyway flyway(DataSource dataSource, Dialect dialect, Module m) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(m.locations().toArray(String[]::new))
                .table("oa_" + m.id().replace('-', '_') + "_schema_history")
                // several modules share one schema, each with its own history table
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(dialect.placeholders())
                .failOnMissingLocations(true)
                .load();
    }
}
