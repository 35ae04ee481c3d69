package dev.oakit.examples.plain;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.metrics.MetricsPlugin;
import dev.oakit.core.ops.Health;
import dev.oakit.core.ops.HealthCheck;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TaskStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain Java host: starts OAKit on its embedded H2 database ({@code ./oakit-data}) or on the database whose JDBC URL
 * (and user, password) it is given, runs a leave approval, and prints OAKit's meters and health.
 *
 * <pre>{@code mvn -B -q -pl examples-plain-host -am -DskipTests package exec:java
 * mvn -B -q -pl examples-plain-host -am -DskipTests package exec:java -Dexec.args="jdbc:postgresql://127.0.0.1:5432/test postgres"}</pre>
 */
public final class LeaveApp {
    private LeaveApp() {
    }

    public static void main(String[] args) {
        DataSource dataSource = args.length == 0 ? null : pool(args);
        try {
            run(dataSource, Path.of("oakit-data"), System.out);
        } finally {
            if (dataSource instanceof HikariDataSource pool) {
                pool.close();
            }
        }
    }

    /** Starts OAKit, runs one leave approval, prints the meters and health; returns the approved instance's status. */
    static String run(DataSource dataSource, Path dataDirectory, PrintStream out) {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (OaKit oa = LeaveHost.oakit(dataSource, dataDirectory, new MetricsPlugin(meters)).build().start()) {
            LeaveHost.setUp(oa);
            Actor alice = Actor.of(LeaveHost.TENANT, "alice");
            Actor bob = Actor.of(LeaveHost.TENANT, "bob");
            ProcessInstance leave = oa.service(Approvals.class).start(alice, StartRequest.of("leave", Map.of("days", 3)));
            out.println("alice asked for 3 days of leave: instance " + leave.id() + " waits at " + leave.activeNodes());
            Task task = oa.service(ApprovalQueries.class).detail(LeaveHost.ADMIN, leave.id()).tasks().stream()
                    .filter(t -> t.status() == TaskStatus.OPEN).findFirst().orElseThrow();
            oa.service(Approvals.class).approve(bob, task.id(), Decision.comment("enjoy"));
            String status = oa.service(ApprovalQueries.class).detail(LeaveHost.ADMIN, leave.id()).instance().status().name();
            out.println("bob approved it: " + status);
            for (Timer t : meters.find("oakit.commands").timers().stream()
                    .sorted(Comparator.comparing((Timer x) -> x.getId().getTag("command"))).toList()) {
                out.printf("oakit.commands %s %s: %d%n", t.getId().getTag("command"), t.getId().getTag("outcome"), t.count());
            }
            out.println("oakit.workflow.tasks.open: " + (long) meters.get("oakit.workflow.tasks.open").gauge().value());
            Health health = oa.service(HealthCheck.class).check();
            out.println("health: " + health.status() + " (" + health.checks().entrySet().stream()
                    .map(c -> c.getKey() + " " + c.getValue().status() + ": " + c.getValue().detail()).collect(Collectors.joining(", ")) + ")");
            return status;
        }
    }

    private static DataSource pool(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args.length > 1 ? args[1] : null);
        config.setPassword(args.length > 2 ? args[2] : null);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
