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
import java.io.IOException;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What a freshly started host waits for: in a new JVM, on a new in-memory H2 database (the host's
 * pool already open), the time from {@code OaKit.builder()...build()} to the first approval
 * completed, in its parts: build and start (Flyway included), the deployment of the leave process,
 * the directory entries the process needs (a department with its head), and the first start with
 * its first todo query and approval. {@link #measure} launches the JVMs; {@link #main} is what runs in them.
 *
 * <p>Each part is given as wall-clock milliseconds and as the CPU milliseconds the whole process spent
 * in it (every thread: the background preparation, the JIT compilers and GC included), since on a busy
 * machine the wall-clock figures mostly measure the other processes. {@link #measure} runs it
 * a second and third time, first writing a class-data archive ({@code -XX:ArchiveClassesAtExit}), then
 * starting from it ({@code -XX:SharedArchiveFile}): what a host that ships such an archive gets.
 */
public final class FirstApproval {
    private static final String PREFIX = "first-approval ms:";

    /** Milliseconds of each part and in all (build() to the approval returned): wall clock, then the process's CPU time. */
    record Result(String how, long build, long deploy, long directory, long approval, long total,
                  long cpuBuild, long cpuDeploy, long cpuDirectory, long cpuApproval, long cpuTotal, long classes,
                  long buildOnly, long startOnly) {
        String line() {
            return String.format(Locale.ROOT, "leave-lifecycle fresh jvm h2%s: build() to first approval ms=%d (build and start %d, "
                    + "deploy %d, directory %d, start and approve %d); process cpu ms=%d (%d, %d, %d, %d); classes loaded %d; "
                    + "build() %d ms, start() %d ms", how, total,
                    build, deploy, directory, approval, cpuTotal, cpuBuild, cpuDeploy, cpuDirectory, cpuApproval, classes, buildOnly, startOnly);
        }
    }

    private FirstApproval() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--compare")) {
            compare();
            return;
        }
        if (args.length > 1 && args[0].equals("--class-path")) {
            // the jarred class path, kept in the given directory: for launching the fresh JVM by hand (JFR, -Xlog)
            System.out.println(jarredClassPath(Files.createDirectories(Path.of(args[1]))));
            return;
        }
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
            long c0 = cpu();
            long up0 = uptime();
            long t0 = System.nanoTime();
            OaKit built = OaKit.builder().dataSource(ds).tenant(OakitLeaveEngine.T, OakitLeaveEngine.T).plugin(new WorkflowPlugin())
                    .config("core", Map.of("jobs", Map.of("enabled", false)))
                    .config("core", Map.of("tenants", Map.of("requireKnownUsers", false))) /* acts as users it never creates */.build();
            long tBuilt = System.nanoTime();
            try (OaKit oa = built.start()) {
                long t1 = System.nanoTime();
                long c1 = cpu();
                oa.service(ProcessDefinitions.class).deploy(admin, OakitLeaveEngine.leave());
                long t2 = System.nanoTime();
                long c2 = cpu();
                Directory d = oa.service(Directory.class);
                d.createDepartment(admin, Department.root("hq", "总部"));
                d.createUser(admin, User.of("boss", "Boss"));
                d.createUser(admin, User.of("amy", "Amy"));
                d.saveMembership(admin, Membership.primary("boss", "hq"));
                d.saveMembership(admin, Membership.primary("amy", "hq"));
                d.updateDepartment(admin, d.department(admin, "hq").withHead("boss"));
                long t3 = System.nanoTime();
                long c3 = cpu();
                // two days: the manager's approval ends the instance
                ProcessInstance pi = oa.service(Approvals.class).start(Actor.of(t, "amy"),
                        StartRequest.of("leave", Map.of("type", "annual", "days", 2, "reason", "rest")));
                Actor boss = Actor.of(t, "boss");
                long task = oa.service(ApprovalQueries.class).todo(boss, TodoQuery.firstPage()).stream()
                        .filter(x -> x.instanceId() == pi.id()).findFirst().orElseThrow().id();
                oa.service(Approvals.class).approve(boss, task, Decision.none());
                long t4 = System.nanoTime();
                long c4 = cpu();
                long classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
                // where each part starts on the JVM's clock, to line up with -Xlog's uptime stamps (class loading, GC, JIT)
                System.out.printf(Locale.ROOT, "first-approval parts start at JVM uptime ms: build() %d, start() %d, deploy %d, "
                        + "directory %d, start and approve %d, done %d%n", up0, up0 + ms(tBuilt - t0), up0 + ms(t1 - t0), up0 + ms(t2 - t0),
                        up0 + ms(t3 - t0), up0 + ms(t4 - t0));
                System.out.printf(Locale.ROOT, "%s %d %d %d %d %d %d %d %d %d %d %d %d %d%n", PREFIX, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2),
                        ms(t4 - t3), ms(t4 - t0), ms(c1 - c0), ms(c2 - c1), ms(c3 - c2), ms(c4 - c3), ms(c4 - c0), classes,
                        ms(tBuilt - t0), ms(t1 - tBuilt));
            }
        }
    }

    /** @return the CPU time of the whole process so far, in nanoseconds */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long uptime() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** The plain fresh JVM's figures, and the line of the JVM started from a class-data archive (or why it was not). */
    record Figures(Result plain, String withAppCds) {
    }

    /**
     * Launches the JVMs that run {@link #main}: a plain one, one that writes a class-data archive of the classes it
     * loaded at its exit ({@code -XX:ArchiveClassesAtExit}), and one that starts from that archive.
     *
     * @param plainJvmOfItsOwn false: the archive's writer gives the plain figures too (one launch fewer; they are a
     *     little off, the JVM recording its classes as it runs); a plain JVM still runs when the writer fails
     */
    static Figures measure(boolean plainJvmOfItsOwn) throws Exception {
        Path dir = Files.createTempDirectory("oakit-first-approval");
        Path archive = dir.resolve("first-approval.jsa");
        try {
            String cp = jarredClassPath(dir);
            Result plain = plainJvmOfItsOwn ? run("", List.of(), cp) : null;
            Result writer;
            try {
                writer = run("", List.of("-XX:ArchiveClassesAtExit=" + archive), cp);
            } catch (IllegalStateException e) {
                return new Figures(plain != null ? plain : run("", List.of(), cp), notMeasured(e.getMessage()));
            }
            plain = plain != null ? plain : writer;
            if (!Files.isRegularFile(archive)) {
                return new Figures(plain, notMeasured("the JVM wrote no class-data archive at " + archive));
            }
            try {
                return new Figures(plain, run(" (AppCDS archive)", List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"), cp).line());
            } catch (IllegalStateException e) {
                return new Figures(plain, notMeasured(e.getMessage()));
            }
        } finally {
            deleteAll(dir);
        }
    }

    private static String notMeasured(String why) {
        return "leave-lifecycle fresh jvm h2 (AppCDS archive): not measured: " + why.lines().findFirst().orElse("");
    }

    /** Figures of a plain fresh JVM and of one started from an AppCDS archive: {@code java -cp ... FirstApproval --compare}. */
    private static void compare() throws Exception {
        Figures f = measure(true);
        System.out.println(f.plain().line());
        System.out.println(f.withAppCds());
    }

    /**
     * This class path with every directory packed into a jar in {@code dir}: hosts run from jars, and a
     * class-data archive takes only jars.
     */
    private static String jarredClassPath(Path dir) throws Exception {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : expandManifests(classPath())) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = dir.resolve("classes-" + n++ + ".jar");
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                     Stream<Path> files = Files.walk(p)) {
                    // directories get entries too: Flyway finds its migration folders through them
                    for (Path f : (Iterable<Path>) files.filter(f -> !f.equals(p)).sorted()::iterator) {
                        String name = p.relativize(f).toString().replace(File.separatorChar, '/');
                        boolean folder = Files.isDirectory(f);
                        out.putNextEntry(new JarEntry(folder ? name + "/" : name));
                        if (!folder) {
                            Files.copy(f, out);
                        }
                        out.closeEntry();
                    }
                }
                entries.add(jar.toString());
            } else if (Files.exists(p)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The class path with each manifest-only jar (surefire's, for one) replaced by the entries its manifest names. */
    private static List<String> expandManifests(String classPath) throws Exception {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            String named = null;
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
                    java.util.jar.Manifest m = jar.getManifest();
                    named = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                }
            }
            if (named == null || named.isBlank()) {
                entries.add(entry);
                continue;
            }
            java.net.URI base = Path.of(entry).toUri();
            for (String ref : named.trim().split("\\s+")) {
                entries.add(Path.of(base.resolve(ref)).toString());
            }
        }
        return entries;
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Result run(String how, List<String> jvmOptions, String classPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, FirstApproval.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
                long[] v = Arrays.stream(line.substring(PREFIX.length()).trim().split(" ")).mapToLong(Long::parseLong).toArray();
                return new Result(how, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
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
