package dev.oakit.fakes;

import org.apiguardian.api.API;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failure knobs of one fake. Thread safe.
 *
 * <pre>{@code
 * fake.failures().nextCall("create", Failure.COMMIT_THEN_TIMEOUT); // the next create commits, then answers too late
 * fake.failures().nextCalls(5, Failure.SERVER_ERROR);              // a burst of five 5xx
 * }</pre>
 *
 * <p>A failure armed for an action applies to the next call with that action ({@link Call#action()}), and with a
 * target also only on that model or DocType ({@link Call#target()}); one armed without an action applies to the next
 * call of any kind. Armed failures are used in the order they were armed.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Failures {
    private record Armed(String target, String action, Failure failure) {
        boolean matches(String t, String a) {
            return (action == null || action.equals(a)) && (target == null || target.equals(t));
        }
    }

    private final List<Armed> armed = new ArrayList<>();
    private final Map<String, String> lineErrors = new ConcurrentHashMap<>();
    private volatile Duration responseDelay = Duration.ofSeconds(10);
    private volatile Duration retryAfter = Duration.ofSeconds(1);

    Failures() {
    }

    /** Arms {@code failure} for the next call of any kind. */
    public Failures nextCall(Failure failure) {
        return nextCalls(1, null, failure);
    }

    /** Arms {@code failure} for the next call whose action is {@code action} (e.g. {@code "create"}, {@code "insert"}). */
    public Failures nextCall(String action, Failure failure) {
        return nextCalls(1, Objects.requireNonNull(action, "action"), failure);
    }

    /** Arms {@code failure} for the next call with this action on this model or DocType
     *  (e.g. {@code "purchase.order", "create"}, {@code "Purchase Order", "insert"}). */
    public Failures nextCall(String target, String action, Failure failure) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(failure, "failure");
        synchronized (this) {
            armed.add(new Armed(target, action, failure));
        }
        return this;
    }

    /** Arms {@code failure} for the next {@code count} calls of any kind (a burst). */
    public Failures nextCalls(int count, Failure failure) {
        return nextCalls(count, null, failure);
    }

    /** Arms {@code failure} for the next {@code count} calls whose action is {@code action}; {@code null} for any. */
    public synchronized Failures nextCalls(int count, String action, Failure failure) {
        Objects.requireNonNull(failure, "failure");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        for (int i = 0; i < count; i++) {
            armed.add(new Armed(null, action, failure));
        }
        return this;
    }

    /** How long {@link Failure#COMMIT_THEN_TIMEOUT} holds the answer; 10 seconds unless set. */
    public Failures responseDelay(Duration delay) {
        this.responseDelay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** The {@code Retry-After} a {@link Failure#RATE_LIMITED} answer carries (whole seconds); 1 second unless set. */
    public Failures retryAfter(Duration retryAfter) {
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        return this;
    }

    /**
     * Makes every document line for {@code product} (an Odoo product's {@code default_code} or name, an ERPNext
     * {@code item_code}) fail validation with {@code message}, the way a server-side validation of one line does,
     * until {@link #clear()}. The whole document is rejected; nothing is stored.
     */
    public Failures rejectLine(String product, String message) {
        lineErrors.put(Objects.requireNonNull(product, "product"), Objects.requireNonNull(message, "message"));
        return this;
    }

    /** Disarms every failure and line rule. */
    public synchronized void clear() {
        armed.clear();
        lineErrors.clear();
    }

    /** Armed failures not used yet. */
    public synchronized int pending() {
        return armed.size();
    }

    synchronized Failure take(String target, String action) {
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (a.matches(target, action)) {
                it.remove();
                return a.failure();
            }
        }
        return null;
    }

    Duration responseDelay() {
        return responseDelay;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    Optional<String> lineError(String product) {
        return product == null ? Optional.empty() : Optional.ofNullable(lineErrors.get(product));
    }
}
