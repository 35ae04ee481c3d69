package dev.oakit.core.internal.boot;

import dev.oakit.core.form.FormSchema;
import dev.oakit.core.internal.db.PlainSqlParser;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Readies, once per JVM and on a daemon thread started by the first {@code build()} (a builder alone starts
 * nothing), the libraries that {@code start()} and the first commands need but {@code build()} does not: Flyway's configuration and plugins, Jdbi (its
 * configuration and mappers, and OAKit's SQL parser's first statement), the form validator's classes with a first form (its JSON Schema is compiled only when data first needs it:
 * valid plain data never does), and the seeding of the JVM's random generators that the first event id (the first
 * deploy's, usually) would wait for. In a fresh JVM each costs its
 * first user a cold class load and initialisation (hundreds of milliseconds together); done here, it
 * overlaps with the Guice wiring of {@code build()} on another core. The same idea as Spring Boot's
 * {@code BackgroundPreinitializer}.
 *
 * <p>Nothing here opens a connection, reads a file of the host's or changes state that a caller could
 * see: every step builds a throw-away object of a library (one cached form engine under the
 * key {@value #FORM_KEY} is the only thing kept). Best effort: a failing step is logged at debug and
 * the next one runs, since its first real user would then do the same work and report any error itself.
 * The system property {@value #PROPERTY}{@code =false} turns it off (a host that starts many OAKits in
 * one JVM pays it only once anyway). Another value than true or false starts nothing here, and {@code build()} reports
 * it with its other problems (never this thread).
 */
public final class Preinitializer {
    /** System property: {@code false} turns the background preparation off; only {@code true} or {@code false}. */
    public static final String PROPERTY = "oakit.preinitialize";
    static final String FORM_KEY = "oakit-preinitialize";
    private static final Logger LOG = LoggerFactory.getLogger(Preinitializer.class);
    private static final Preinitializer JVM = new Preinitializer(List.of(
            new Step("flyway", Preinitializer::flyway),
            new Step("jdbi", Preinitializer::jdbi),
            new Step("form schema", Preinitializer::formSchema),
            new Step("event ids", Preinitializer::eventIds)));

    /** One library to ready. */
    record Step(String name, Runnable work) {
    }

    private final List<Step> steps;
    private final AtomicBoolean started = new AtomicBoolean();

    Preinitializer(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Starts the JVM's preparation unless it was started before or {@value #PROPERTY} is not {@code true} (unset counts
     * as true); returns at once, and never throws: {@code build()} reports an invalid value.
     */
    public static void start() {
        if (SystemSwitches.value(PROPERTY, System::getProperty) == Boolean.TRUE) {
            JVM.startOnce();
        }
    }

    /** @return the thread that runs the steps, or null when they were started before */
    Thread startOnce() {
        if (!started.compareAndSet(false, true)) {
            return null;
        }
        Thread t = new Thread(this::runAll, "oakit-preinitialize");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
        return t;
    }

    void runAll() {
        for (Step s : steps) {
            try {
                s.work().run();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("preinitializing {} failed; its first user does the work", s.name(), e);
            }
        }
    }

    /** @return whether this JVM's preparation was started */
    static boolean started() {
        return JVM.started.get();
    }

    static List<Step> steps() {
        return JVM.steps;
    }

    private static void flyway() {
        // the plugin register (every database type on the class path) and the configuration classes
        Flyway.configure(Preinitializer.class.getClassLoader()).locations("classpath:dev/oakit/core/db/migration")
                .table("oa_core_schema_history").baselineOnMigrate(true).baselineVersion("0").failOnMissingLocations(true)
                .placeholders(Map.of()).load();
    }

    private static void jdbi() {
        Jdbi jdbi = Jdbi.create(() -> {
            throw new SQLException("the preinitializer opens no connection");
        });
        jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class);
        PlainSqlParser.read("SELECT a, b FROM t WHERE c = :c AND d IN (:d) ORDER BY a");
        // the argument and column-mapper factories a first query looks through, for the types OAKit binds and reads
        org.jdbi.v3.core.argument.Arguments arguments = jdbi.getConfig(org.jdbi.v3.core.argument.Arguments.class);
        org.jdbi.v3.core.mapper.ColumnMappers columns = jdbi.getConfig(org.jdbi.v3.core.mapper.ColumnMappers.class);
        for (Object value : List.of("s", 1L, 1, true, java.time.Instant.EPOCH, java.time.LocalDateTime.MIN, java.math.BigDecimal.ONE)) {
            arguments.findFor(value.getClass(), value);
            columns.findFor(value.getClass());
        }
    }

    /**
     * The first {@code DRBG} of a JVM seeds the JVM-wide seeder from the system's entropy (it reads the network interfaces
     * and the temporary directory's listing among others: about 20 ms of CPU and 35 ms of waiting in a fresh JVM); every
     * later one, such as the outbox's per-thread event id generator, draws on that seeder in well under a millisecond.
     */
    private static void eventIds() {
        try {
            java.security.SecureRandom.getInstance("DRBG").nextBytes(new byte[16]);
        } catch (java.security.NoSuchAlgorithmException e) {
            new java.security.SecureRandom().nextBytes(new byte[16]);
        }
    }

    private static void formSchema() {
        FormSchema form = FormSchema.builder(FORM_KEY)
                .select("type", f -> f.required().options("a", "b"))
                .number("days", f -> f.required().min("0.5").max(30))
                .text("reason", f -> f.maxLength(200))
                .build();
        // valid data only: the plain check passes it, and its JSON Schema stays uncompiled (a form's schema is compiled when
        // data first needs it, so a host whose first forms are valid never loads the JSON Schema library)
        form.validator().problems(Map.of("type", "a", "days", 2, "reason", "r"));
        form.validator().normalize(Map.of("type", "a", "days", 2));
    }
}
