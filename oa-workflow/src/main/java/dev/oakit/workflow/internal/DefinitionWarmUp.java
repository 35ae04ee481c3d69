package dev.oakit.workflow.internal;

import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.core.ValidationException;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.internal.definition.DefinitionValidator;
import dev.oakit.workflow.internal.expr.Conditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes and reads one small process definition, once per JVM and on a daemon thread, when the
 * workflow plugin is configured: the first deploy writes its definition as JSON and the first start
 * reads one back, and in a fresh JVM Jackson's first look at the definition types (their serializers
 * and deserializers, built by reflection) costs more than the rest of a deploy. Done here it overlaps
 * with the migrations of {@code start()}; whoever comes first builds them, Jackson's caches are
 * thread-safe, so a deploy that does not wait only loses the head start. It then validates the definition read back
 * (without CEL: its one condition is a plain comparison), so that the first deploy finds the validator's classes loaded.
 *
 * <p>Touches nothing but Jackson's caches of the definition classes (and a throw-away {@code Conditions}). Best effort: a failure is logged
 * at debug (the first deploy then does the same work and reports any error). The system property
 * {@code oakit.preinitialize=false} turns it off, as it does core's preparation.
 */
public final class DefinitionWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final AtomicInteger RUNS = new AtomicInteger();

    private DefinitionWarmUp() {
    }

    /** Starts the warm-up unless it ran in this JVM before or {@code oakit.preinitialize} is not {@code true} (unset is); returns at once. */
    public static void start() {
        if (dev.oakit.workflow.internal.expr.CelWarmUp.wanted(System.getProperty("oakit.preinitialize"))) {
            startOnce();
        }
    }

    /** @return the thread that warms up, or null when it was started in this JVM before */
    static Thread startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return null;
        }
        Thread t = new Thread(DefinitionWarmUp::run, "oakit-definitions-init");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
        return t;
    }

    /** Writes a definition with the common node kinds and a form to JSON, reads it back and validates it. */
    static void run() {
        RUNS.incrementAndGet();
        try {
            List<ValidationException.Problem> problems = warmUp();
            if (!problems.isEmpty()) {
                LOG.debug("the warm-up definition has problems: {}", problems);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("warming up the definition JSON failed; the first deploy does the work", e);
        }
    }

    /** @return the problems the validator finds in the warm-up definition read back (none) */
    static List<ValidationException.Problem> warmUp() {
        FormSchema form = FormSchema.builder("warm-up")
                .select("type", f -> f.required().options("a", "b"))
                .number("days", f -> f.required().min("0.5").max(30))
                .text("reason", f -> f.maxLength(200))
                .build();
        ProcessDefinition d = ProcessDefinition.builder("warm-up").name("warm-up").form(form)
                .start("start")
                .approval("manager", a -> a.name("manager").approver(ApproverRule.manager(1)))
                .exclusive("long")
                .approval("director", a -> a.name("director").approver(ApproverRule.role("director")))
                .cc("cc", ApproverRule.role("hr"))
                .end("end")
                .chain("start", "manager", "long")
                .when("long", "director", "form.days > 3").otherwise("long", "cc")
                .route("director", "cc")
                .route("cc", "end")
                .build();
        return new DefinitionValidator().problems(ProcessDefinition.fromJson(d.toJson()), new Conditions()::check, null, null);
    }

    /** @return how often {@link #run} ran in this JVM (for tests) */
    static int runs() {
        return RUNS.get();
    }
}
