package dev.oakit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a freshly started host waits for: in a new JVM, on a new in-memory H2 database (the host's
 * pool already open), the time from {@code OaKit.builder()...build()} to the first approval
 * completed, in its parts: build and start (Flyway included), the deployment of the leave process,
 * the directory entries the process needs (a department with its head), and the first start with
 * its first todo query and approval. {@link #measure} launches the JVM; {@link #main} is what runs in it.
 */
final class FirstApproval {
    private static final String PREFIX = "first-approval ms:";

    /** Milliseconds of each part and in all (build() to the approval returned). */
    record Result(long build, long deploy, long directory, long approval, long total) {
        String line() {
            return String.format(Locale.ROOT, "leave-lifecycle fresh jvm h2: build() to first approval ms=%d (build and start %d, "
                    + "deploy %d, directory %d, start and approve %d)", total, build, deploy, directory, approval);
        }
    }

    private FirstApproval() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:mem:first;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
        c.setUsername("sa");
        c.setPassword("");
        c.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(c)) {
            try (Connection warm = ds.getConnection()) {
                warm.isValid(1);
            }
            String t = OakitLeaveEngine.T;
            Actor admin = Actor.admin(t, "root");
            long t0 = System.nanoTime();
            try (OaKit oa = OaKit.builder().dataSource(ds).tenant(OakitLeaveEngine.T, OakitLeaveEngine.T).plugin(new WorkflowPlugin())
                    .config("core", Map.of("jobs", Map.of("enabled", false)))
                .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build().start()) {
                long t1 = System.nanoTime();
                oa.service(ProcessDefinitions.class).deploy(admin, OakitLeaveEngine.leave());
                long t2 = System.nanoTime();
                Directory d = oa.service(Directory.class);
                d.createDepartment(admin, Department.root("hq", "总部"));
                d.createUser(admin, User.of("boss", "Boss"));
                d.createUser(admin, User.of("amy", "Amy"));
                d.saveMembership(admin, Membership.primary("boss", "hq"));
                d.saveMembership(admin, Membership.primary("amy", "hq"));
                d.updateDepartment(admin, d.department(admin, "hq").withHead("boss"));
                long t3 = System.nanoTime();
                // two days: the manager's approval ends the instance
                ProcessInstance pi = oa.service(Approvals.class).start(Actor.of(t, "amy"),
                        StartRequest.of("leave", Map.of("type", "annual", "days", 2, "reason", "rest")));
                Actor boss = Actor.of(t, "boss");
                long task = oa.service(ApprovalQueries.class).todo(boss, TodoQuery.firstPage()).stream()
                        .filter(x -> x.instanceId() == pi.id()).findFirst().orElseThrow().id();
                oa.service(Approvals.class).approve(boss, task, Decision.none());
                long t4 = System.nanoTime();
                System.out.printf(Locale.ROOT, "%s %d %d %d %d %d%n", PREFIX, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t4 - t0));
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Launches a JVM with this class path that runs {@link #main}; returns its figures. */
    static Result measure() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", classPath(), FirstApproval.class.getName()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the fresh JVM failed: " + String.join("\n", lines));
        }
        for (String line : lines) {
            if (line.startsWith(PREFIX)) {
                String[] v = line.substring(PREFIX.length()).trim().split(" ");
                return new Result(Long.parseLong(v[0]), Long.parseLong(v[1]), Long.parseLong(v[2]), Long.parseLong(v[3]),
                        Long.parseLong(v[4]));
            }
        }
        throw new IllegalStateException("the fresh JVM printed no figures: " + String.join("\n", lines));
    }

    /** The class path this class was loaded from: the loader's URLs under exec:java, else the JVM's own. */
    private static String classPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (ClassLoader l = FirstApproval.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    entries.add(new File(url.toURI()).getPath());
                }
            }
        }
        String own = System.getProperty("java.class.path");
        if (own != null && !own.isBlank()) {
            entries.add(own);
        }
        return String.join(File.pathSeparator, entries);
    }
}
