package dev.oakit.integration.internal.write;

import dev.oakit.integration.WriteStatus;

/**
 * The remote write's state machine, a pure function: what a worker does with a write it claims, and
 * the status an outcome leads to. The rule it keeps: nothing is created while an earlier create may
 * have committed, until a lookup by the key has found nothing.
 */
public final class WriteMachine {
    private WriteMachine() {
    }

    /** What a worker does with a claimed write. */
    public enum Action {
        /** Send the create (the claim records {@link WriteStatus#SENT} first). */
        CREATE,
        /** Look the key up: an earlier create may have committed. */
        LOOKUP,
        /** Nothing: the write is final. */
        NONE
    }

    /** What a call gave. */
    public enum Result {
        CREATED, FOUND, NOT_FOUND, RETRYABLE, AMBIGUOUS, PERMANENT
    }

    /**
     * @param action what the worker does
     * @param during the status stored with the claim, before the call
     */
    public record Claim(Action action, WriteStatus during) {
    }

    /**
     * @param status the status to record
     * @param retry whether another attempt is to be scheduled
     * @param continueNow whether the same attempt goes on at once (a lookup found nothing: create now)
     */
    public record Transition(WriteStatus status, boolean retry, boolean continueNow) {
    }

    /** @return what to do with a write in this status */
    public static Claim claim(WriteStatus status) {
        return switch (status) {
            case PENDING -> new Claim(Action.CREATE, WriteStatus.SENT);
            case SENT, UNKNOWN -> new Claim(Action.LOOKUP, status);
            case CONFIRMED, FAILED -> new Claim(Action.NONE, status);
        };
    }

    /**
     * @param claim what the worker did
     * @param result what the call gave
     * @param attemptsLeft whether the write may be tried again after this attempt
     * @return the status to record and what follows
     */
    public static Transition after(Claim claim, Result result, boolean attemptsLeft) {
        return switch (claim.action()) {
            case NONE -> new Transition(claim.during(), false, false);
            case CREATE -> switch (result) {
                case CREATED -> done();
                case RETRYABLE -> retry(WriteStatus.PENDING, attemptsLeft);
                case AMBIGUOUS -> retry(WriteStatus.UNKNOWN, attemptsLeft);
                case PERMANENT -> failed();
                case FOUND, NOT_FOUND -> throw new IllegalArgumentException("a create gives no lookup result: " + result);
            };
            case LOOKUP -> switch (result) {
                case FOUND -> done();
                case NOT_FOUND -> new Transition(WriteStatus.PENDING, false, true);
                case RETRYABLE, AMBIGUOUS -> retry(WriteStatus.UNKNOWN, attemptsLeft);
                case PERMANENT -> failed();
                case CREATED -> throw new IllegalArgumentException("a lookup creates nothing: " + result);
            };
        };
    }

    private static Transition done() {
        return new Transition(WriteStatus.CONFIRMED, false, false);
    }

    private static Transition failed() {
        return new Transition(WriteStatus.FAILED, false, false);
    }

    private static Transition retry(WriteStatus status, boolean attemptsLeft) {
        return attemptsLeft ? new Transition(status, true, false) : failed();
    }

    /** @return the status a replayed dead letter starts from: looked up first, since an earlier create may have committed */
    public static WriteStatus replayed() {
        return WriteStatus.UNKNOWN;
    }
}
