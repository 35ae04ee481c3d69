package dev.oakit.benchmarks;

import dev.oakit.core.OaKit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OAKit's own Java cost of a routed create, on an H2 database in files: the desk of {@link TicketBenchmark}, a few
 * thousand loaded tickets, then create-and-assign against its floor ({@link FloorTicketCreate}) in alternating rounds,
 * and optionally a JFR recording (the {@code profile} settings: execution samples, allocations) of OAKit's creates alone,
 * started after the warm-up. For the profile of issue 20 ("oakit/floor on H2"); the full benchmark is
 * {@link TicketBenchmark}.
 *
 * <pre>
 * java -cp &lt;classpath&gt; dev.oakit.benchmarks.TicketCreateProfile tickets=20000 passes=3 measure=8 jfr=/tmp/create.jfr jfrSeconds=30
 * </pre>
 */
public final class TicketCreateProfile {
    private TicketCreateProfile() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int tickets = 20_000;
        int passes = 3;
        double measure = 8;
        int threads = 1;
        String jfr = null;
        double jfrSeconds = 30;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "tickets" -> tickets = Integer.parseInt(kv[1]);
                case "passes" -> passes = Integer.parseInt(kv[1]);
                case "measure" -> measure = Double.parseDouble(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "jfr" -> jfr = kv[1];
                case "jfrSeconds" -> jfrSeconds = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException("unknown setting '" + kv[0]
                        + "': tickets, passes, measure, threads, jfr, jfrSeconds");
            }
        }
        PrintStream out = System.out;
        TicketBenchmark.Desk desk = new TicketBenchmark.Desk(20, 200);
        try (BenchDatabase db = BenchDatabase.h2File("tickets", 10)) {
            OaKit oa = TicketBenchmark.boot(db);
            try {
                desk.setUp(oa);
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                new TicketLoader(desk, now).load(db, tickets, out, "h2");
                TicketBenchmark.afterLoad(oa, db, now, out);
                AtomicLong failures = new AtomicLong();
                try (FloorTicketCreate floor = new FloorTicketCreate(db.rawDataSource(), false)) {
                    for (int p = 0; p < passes; p++) {
                        TicketBenchmark.Rate[] r = TicketBenchmark.alternate(oa, floor, desk, threads, measure, failures);
                        out.printf(Locale.ROOT, "pass %d, %d thread(s): oakit %.1f/s p99 %.1f ms; floor %.1f/s p99 %.1f ms;"
                                        + " oakit/floor=%.2f; failures=%d%n", p, threads, r[0].perSecond(), r[0].p99Ms(),
                                r[1].perSecond(), r[1].p99Ms(), r[0].perSecond() / r[1].perSecond(), failures.get());
                    }
                    if (jfr != null) {
                        try (Recording rec = new Recording(Configuration.getConfiguration("profile"))) {
                            rec.start();
                            long n = TicketBenchmark.createFor(oa, desk, threads, jfrSeconds, failures);
                            rec.stop();
                            rec.dump(Path.of(jfr));
                            out.printf(Locale.ROOT, "recorded %d OAKit creates in %.0f s into %s%n", n, jfrSeconds, jfr);
                        }
                    }
                }
            } finally {
                oa.close();
            }
        }
    }
}
