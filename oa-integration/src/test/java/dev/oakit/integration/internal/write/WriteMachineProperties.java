package dev.oakit.integration.internal.write;

import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.internal.write.WriteMachine.Action;
import dev.oakit.integration.internal.write.WriteMachine.Claim;
import dev.oakit.integration.internal.write.WriteMachine.Result;
import dev.oakit.integration.internal.write.WriteMachine.Transition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine against a simulated remote over random outcome sequences: creates that commit,
 * are refused, time out after or before committing, 5xx after committing, permanent refusals,
 * workers that die after the claim or after the remote committed, lookups that fail, dead letters
 * replayed. The remote never holds two documents for the key, and a CONFIRMED write has exactly one.
 */
class WriteMachineProperties {
    /** What happens on one step. */
    enum Event {
        CREATE_OK, CREATE_REFUSED_429, CREATE_TIMEOUT_AFTER_COMMIT, CREATE_TIMEOUT_BEFORE_COMMIT, CREATE_5XX_AFTER_COMMIT,
        CREATE_REJECTED, WORKER_DIES_AFTER_CLAIM, WORKER_DIES_AFTER_REMOTE_COMMIT, LOOKUP_FAILS, REPLAY
    }

    @Provide
    Arbitrary<List<Event>> events() {
        return Arbitraries.of(Event.class).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 2000)
    void neverTwoDocumentsForOneKey(@ForAll("events") List<Event> events, @ForAll boolean attemptsRunOut) {
        int documents = 0;
        WriteStatus status = WriteStatus.PENDING;
        int attempts = 0;
        for (Event e : events) {
            if (e == Event.REPLAY) {
                if (status == WriteStatus.FAILED) {
                    status = WriteMachine.replayed();
                    attempts = 0;
                }
                continue;
            }
            attempts++;
            boolean left = !attemptsRunOut || attempts < 5;
            Claim claim = WriteMachine.claim(status);
            // one worker attempt: a lookup that finds nothing goes on to create at once
            for (int step = 0; step < 2 && claim.action() != Action.NONE; step++) {
                status = claim.during();
                if (e == Event.WORKER_DIES_AFTER_CLAIM) {
                    break;
                }
                Result result;
                if (claim.action() == Action.LOOKUP) {
                    result = e == Event.LOOKUP_FAILS ? Result.AMBIGUOUS : documents > 0 ? Result.FOUND : Result.NOT_FOUND;
                } else {
                    switch (e) {
                        case CREATE_OK -> {
                            documents++;
                            result = Result.CREATED;
                        }
                        case CREATE_TIMEOUT_AFTER_COMMIT, CREATE_5XX_AFTER_COMMIT -> {
                            documents++;
                            result = Result.AMBIGUOUS;
                        }
                        case WORKER_DIES_AFTER_REMOTE_COMMIT -> {
                            documents++;
                            result = null;
                        }
                        case CREATE_TIMEOUT_BEFORE_COMMIT -> result = Result.AMBIGUOUS;
                        case CREATE_REJECTED -> result = Result.PERMANENT;
                        default -> result = Result.RETRYABLE;
                    }
                }
                assertThat(documents).as("documents for the key after %s", events).isLessThanOrEqualTo(1);
                if (result == null) {
                    break; // the worker died: the claim's status stays
                }
                Transition t = WriteMachine.after(claim, result, left);
                status = t.status();
                if (!t.continueNow()) {
                    break;
                }
                claim = WriteMachine.claim(status);
            }
            if (status == WriteStatus.CONFIRMED) {
                assertThat(documents).as("a confirmed write has its document").isEqualTo(1);
            }
        }
    }

    @Property
    void aLookupComesBeforeEveryCreateAfterAnOutcomeThatMayHaveCommitted(@ForAll WriteStatus status) {
        Claim claim = WriteMachine.claim(status);
        if (claim.action() == Action.CREATE) {
            assertThat(status).isEqualTo(WriteStatus.PENDING);
            assertThat(claim.during()).as("stored before the call").isEqualTo(WriteStatus.SENT);
        }
        assertThat(WriteMachine.claim(WriteMachine.replayed()).action()).isEqualTo(Action.LOOKUP);
    }
}
