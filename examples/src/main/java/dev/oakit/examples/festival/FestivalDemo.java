package dev.oakit.examples.festival;

import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The culture festival as a command of its own, on embedded H2:
 * {@code mvn -B -q -pl examples -am -DskipTests package exec:java -Doakit.demo.main=dev.oakit.examples.festival.FestivalDemo}.
 * The main demo ({@link dev.oakit.examples.Demo}) runs it too.
 */
public final class FestivalDemo {
    private FestivalDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "oakit-data/festival");
        long failed = run(data, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (failed > 0) {
            System.exit(1);
        }
    }

    /** Runs the festival on a fresh H2 database under {@code data}; returns the number of failed checks. */
    public static long run(Path data, PrintStream out) throws java.io.IOException {
        dev.oakit.examples.Demo.wipe(data);
        OaKitBuilder builder = OaKit.builder().dataDirectory(data);
        Festival festival = Festival.prepare(builder);
        long t0 = System.nanoTime();
        try (OaKit oa = builder.build().start()) {
            Festival.Report report = festival.run(oa);
            report.lines().forEach(out::println);
            report.checks().forEach((what, ok) -> out.println((ok ? "  ✔ " : "  ✘ FAILED: ") + what));
            out.printf("festival day simulated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return report.failed();
        }
    }
}
