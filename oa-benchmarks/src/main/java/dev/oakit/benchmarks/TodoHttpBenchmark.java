package dev.oakit.benchmarks;

import dev.oakit.core.Actor;
import dev.oakit.http.OaHttpServer;
import dev.oakit.http.OaHttpServlet;
import dev.oakit.http.spi.ActorResolver;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The todo endpoint ({@code GET /api/approvals/todo?size=20}) over HTTP on the embedded Jetty, with many open tasks:
 * n clients (JDK HttpClient, one each, HTTP/1.1 keep-alive on loopback) ask for the todo of random managers for a
 * bounded time and at most a bounded number of requests; requests/s and the latency percentiles. The actor comes from a
 * header (a resolver as cheap as a host's session lookup), so the figures are the API's and the engine's, not a token
 * check's. Same leave process and load as {@link LeaveBenchmark} ({@link OakitLeaveEngine}).
 *
 * <pre>
 * mvn -B -pl oa-benchmarks -am package -DskipTests
 * mvn -B -pl oa-benchmarks exec:java -Doakit.demo.main=dev.oakit.benchmarks.TodoHttpBenchmark
 * settings (key=value arguments or -D), defaults in brackets:
 *   bench.dbs [h2]  h2, postgresql (bench.pg.url/user/password as for LeaveBenchmark)
 *   bench.open [100000] open tasks, over bench.assignees [1000] managers
 *   bench.clients [8]  bench.warmup [10] and bench.measure [20] seconds  bench.maxRequests [2000000]
 * </pre>
 */
public final class TodoHttpBenchmark {
    /** The header the benchmark's resolver reads the user from. */
    static final String USER_HEADER = "X-Bench-User";

    /** The settings. */
    record Settings(List<String> dbs, int openTasks, int assignees, int clients, int warmupSeconds, int measureSeconds, long maxRequests,
                    BenchDatabase.Server pg) {
        static Settings of(BenchArgs a) {
            return new Settings(a.dbs("h2"), a.integer("bench.open", 100_000), a.integer("bench.assignees", 1000),
                    a.integer("bench.clients", 8), a.integer("bench.warmup", 10), a.integer("bench.measure", 20),
                    Long.parseLong(a.get("bench.maxRequests", "2000000")), a.pg("jdbc:postgresql://127.0.0.1:5432/test"));
        }
    }

    /** One database's figures. */
    record Result(String db, int openTasks, double loadSeconds, long requests, long failures, double perSecond, double medianMs,
                  double p99Ms, double maxMs) {
        String summary() {
            return String.format(Locale.ROOT, "todo-http %s: %d open tasks (loaded in %.1f s); %d requests, %d failed; requests/s=%.1f;"
                    + " ms median=%.2f p99=%.2f max=%.2f", db, openTasks, loadSeconds, requests, failures, perSecond, medianMs, p99Ms, maxMs);
        }
    }

    private TodoHttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.of(BenchArgs.of(args));
        System.out.printf(Locale.ROOT, "%s, %d processors, JDK %s, load average at start %s; %d open tasks over %d assignees, %d clients,"
                        + " warm-up %d s, measure %d s%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadAverage(), s.openTasks(), s.assignees(), s.clients(), s.warmupSeconds(),
                s.measureSeconds());
        run(s, System.out);
        System.exit(0); // Hikari's and Jetty's threads are gone already; the JDK HttpClient's selector may linger
    }

    /** Runs each database in turn; prints a summary line per database, the last line of the output is the last summary. */
    static List<Result> run(Settings s, PrintStream out) throws Exception {
        List<Result> results = new ArrayList<>();
        for (String db : s.dbs()) {
            try (BenchDatabase d = switch (db) {
                case "h2" -> BenchDatabase.h2("todohttp", 2 * s.clients() + 2);
                case "postgresql" -> BenchDatabase.postgresql("postgresql", s.pg(), "todohttp", 2 * s.clients() + 2);
                default -> throw new IllegalArgumentException("bench.dbs: unknown database '" + db + "'; use h2 or postgresql");
            }) {
                results.add(one(db, d, s, out));
            }
        }
        results.forEach(r -> out.println(r.summary()));
        return results;
    }

    private static Result one(String label, BenchDatabase d, Settings s, PrintStream out) throws Exception {
        OakitLeaveEngine e = new OakitLeaveEngine(d.dataSource());
        e.boot();
        try {
            e.prepare(1, s.assignees());
            double loadSeconds = LeaveBenchmark.startOpen(e, s.openTasks(), s.assignees(), 4);
            if ("postgresql".equals(label)) {
                d.analyze();
            }
            out.printf(Locale.ROOT, "%s: %d open tasks loaded in %.1f s; load average %s%n", label, s.openTasks(), loadSeconds, loadAverage());
            ActorResolver byHeader = req -> Optional.ofNullable(req.getHeader(USER_HEADER)).map(u -> Actor.of(OakitLeaveEngine.T, u));
            OaHttpServlet api = OaHttpServlet.builder(e.oa()).actorResolver(byHeader).build();
            try (OaHttpServer server = OaHttpServer.start(api, new InetSocketAddress("127.0.0.1", 0), "/api")) {
                URI todo = server.uri().resolve("approvals/todo?size=20");
                int expected = Math.min(20, s.openTasks() / s.assignees());
                drive(e, s, todo, expected, s.warmupSeconds(), s.maxRequests()); // warm-up, thrown away
                long start = System.nanoTime();
                Drive m = drive(e, s, todo, expected, s.measureSeconds(), s.maxRequests());
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] all = m.latencies();
                Arrays.sort(all);
                out.printf(Locale.ROOT, "%s: measured %.1f s; load average %s%n", label, seconds, loadAverage());
                return new Result(label, s.openTasks(), loadSeconds, all.length, m.failures(), all.length / seconds, percentile(all, 0.5),
                        percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            }
        } finally {
            e.close();
        }
    }

    private record Drive(long[] latencies, long failures) {
    }

    /** The clients, each on its own HttpClient, until the time is up or the requests are used up. */
    private static Drive drive(OakitLeaveEngine e, Settings s, URI todo, int expected, int seconds, long maxRequests) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong budget = new AtomicLong(maxRequests);
        AtomicLong failures = new AtomicLong();
        AtomicInteger firstFailureShown = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(s.clients());
        try {
            List<Future<long[]>> fs = new ArrayList<>();
            for (int c = 0; c < s.clients(); c++) {
                int client = c;
                fs.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
                    SplittableRandom random = new SplittableRandom(client);
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        String user = e.loadManager(random.nextInt(s.assignees())).userId();
                        HttpRequest req = HttpRequest.newBuilder(todo).header(USER_HEADER, user).timeout(Duration.ofSeconds(30)).GET().build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - t0;
                        if (res.statusCode() != 200 || count(res.body()) != expected) {
                            failures.incrementAndGet();
                            if (firstFailureShown.getAndIncrement() == 0) {
                                System.err.println("todo-http: unexpected answer " + res.statusCode() + " " + res.body());
                            }
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = took;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> f : fs) {
                parts.add(f.get());
            }
            long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
            int at = 0;
            for (long[] p : parts) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            return new Drive(all, failures.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return the number of tasks in a todo page: its items' {@code "instanceId"} members */
    private static int count(String body) {
        int n = 0;
        for (int i = body.indexOf("\"instanceId\""); i >= 0; i = body.indexOf("\"instanceId\"", i + 1)) {
            n++;
        }
        return n;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** @return the 1, 5 and 15 minute load averages (Linux), or "n/a" */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
