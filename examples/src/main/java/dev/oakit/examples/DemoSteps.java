package dev.oakit.examples;

import dev.oakit.core.Actor;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the demos' parts share: waiting for the job workers, finding a user's task, printing a check. */
public final class DemoSteps {
    /** Generous for a loaded build machine; each step takes well under a second when nothing is wrong. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private DemoSteps() {
    }

    /** Waits until {@code done}, at most {@link #PATIENCE}. */
    public static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** @return the user's task of the instance, once it is there */
    public static Task task(ApprovalQueries queries, Actor who, long instanceId) throws InterruptedException {
        await(() -> queries.todo(who, TodoQuery.firstPage()).stream().anyMatch(t -> t.instanceId() == instanceId));
        return queries.todo(who, TodoQuery.firstPage()).stream().filter(t -> t.instanceId() == instanceId).findFirst()
                .orElseThrow(() -> new IllegalStateException(who.userId() + " has no task of instance " + instanceId));
    }

    /** Prints the check; @return 1 when it failed, else 0 */
    public static int check(PrintStream out, boolean ok, String what) {
        out.println("   [" + (ok ? "ok" : "FAILED") + "] " + what);
        return ok ? 0 : 1;
    }
}
