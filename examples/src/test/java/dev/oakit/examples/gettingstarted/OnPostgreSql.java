package dev.oakit.examples.gettingstarted;

// tag::datasource[]
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.OaKit;
import dev.oakit.workflow.WorkflowPlugin;

public class OnPostgreSql {
    /** A pool whose connections work in {@code schema}: OAKit's tables are created and used there. */
    static HikariDataSource dataSource(String jdbcUrl, String user, String password, String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);       // e.g. jdbc:postgresql://db.acme.internal:5432/oa
        config.setUsername(user);
        config.setPassword(password);
        config.setSchema(schema);         // created at start() when missing
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }

    static OaKit start(HikariDataSource dataSource) {
        return OaKit.builder()
                .dataSource(dataSource)   // OAKit never closes a host's DataSource
                .tenant("acme", "ACME")
                .plugin(new WorkflowPlugin())
                .build()
                .start();
    }
}
// end::datasource[]
