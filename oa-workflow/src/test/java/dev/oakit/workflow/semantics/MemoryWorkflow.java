package dev.oakit.workflow.semantics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.OaKit;
import dev.oakit.workflow.WorkflowPlugin;

import java.util.UUID;

/**
 * OAKit with the workflow plugin on a fresh in-memory H2 database, for the properties whose many tries share one
 * instance (a database per try would cost more than the tries); closed after the test class.
 */
record MemoryWorkflow(HikariDataSource dataSource, OaKit oa) implements AutoCloseable {
    static MemoryWorkflow start() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        c.setUsername("sa");
        c.setMaximumPoolSize(4);
        HikariDataSource ds = new HikariDataSource(c);
        OaKit oa = OaKit.builder().config("core", dev.oakit.core.testing.TestDatabase.ANY_TENANT).dataSource(ds).plugin(new WorkflowPlugin())
                .build().start();
        return new MemoryWorkflow(ds, oa);
    }

    @Override
    public void close() {
        oa.close();
        dataSource.close();
    }
}
