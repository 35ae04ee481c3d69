package dev.oakit.workflow;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * Filters, sort and page of a task list query.
 *
 * @param processKey only this process, or null
 * @param initiatorId only instances of this initiator, or null
 * @param from created at or after, or null
 * @param to created before, or null
 * @param newestFirst sort by creation time, newest first (default) or oldest first
 * @param page page number from 0
 * @param size page size 1..200
 * @param due only open tasks in this state against their deadline ({@link DueState#DUE_SOON}, {@link DueState#OVERDUE},
 *            {@link DueState#ON_TIME}, {@link DueState#NONE} for tasks without one), or null for all (since 0.2)
 * @param urgencyOrder sort open tasks by urgency instead of creation time: the earliest deadline first, then urgent
 *                  instances before normal ones, then the oldest; tasks without a deadline last ({@code newestFirst} is
 *                  then ignored; the lists of closed tasks keep their order) (since 0.2)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TodoQuery(String processKey, String initiatorId, Instant from, Instant to, boolean newestFirst, int page, int size,
                        DueState due, boolean urgencyOrder) {
    /** Validates. */
    public TodoQuery {
        if (page < 0) {
            throw ValidationException.of("page", "must be 0 or more, was " + page);
        }
        if (size < 1 || size > 200) {
            throw ValidationException.of("size", "must be between 1 and 200, was " + size);
        }
    }

    /** @return the first page of 20, newest first, unfiltered */
    public static TodoQuery firstPage() {
        return new TodoQuery(null, null, null, null, true, 0, 20, null, false);
    }

    /** @return a copy limited to a process */
    public TodoQuery process(String key) {
        return new TodoQuery(key, initiatorId, from, to, newestFirst, page, size, due, urgencyOrder);
    }

    /** @return a copy limited to an initiator */
    public TodoQuery initiator(String id) {
        return new TodoQuery(processKey, id, from, to, newestFirst, page, size, due, urgencyOrder);
    }

    /** @return a copy for another page */
    public TodoQuery page(int p, int s) {
        return new TodoQuery(processKey, initiatorId, from, to, newestFirst, p, s, due, urgencyOrder);
    }

    /** @return a copy sorted oldest first */
    public TodoQuery oldestFirst() {
        return new TodoQuery(processKey, initiatorId, from, to, false, page, size, due, false);
    }

    /** A query without a deadline filter (the 0.1 form). */
    public TodoQuery(String processKey, String initiatorId, Instant from, Instant to, boolean newestFirst, int page, int size) {
        this(processKey, initiatorId, from, to, newestFirst, page, size, null, false);
    }

    /** A query sorted by creation time. */
    public TodoQuery(String processKey, String initiatorId, Instant from, Instant to, boolean newestFirst, int page, int size,
                     DueState due) {
        this(processKey, initiatorId, from, to, newestFirst, page, size, due, false);
    }

    /** @return a copy limited to open tasks in this state against their deadline (since 0.2) */
    public TodoQuery due(DueState state) {
        return new TodoQuery(processKey, initiatorId, from, to, newestFirst, page, size, state, urgencyOrder);
    }

    /**
     * @return a copy sorted by urgency: the earliest deadline first, then urgent before normal, then the oldest;
     *         tasks without a deadline last (a person's todo list is one indexed range in this order too)
     * @since 0.1
     */
    public TodoQuery byUrgency() {
        return new TodoQuery(processKey, initiatorId, from, to, newestFirst, page, size, due, true);
    }
}
