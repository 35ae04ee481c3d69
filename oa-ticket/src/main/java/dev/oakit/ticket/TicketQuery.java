package dev.oakit.ticket;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * Filters and paging of a ticket list. Every list is limited to what the reader may see; the
 * scope narrows it further. Null filters do not filter. Build one with {@link #builder()}, or take {@link #all()}.
 *
 * @param scope which of the visible tickets
 * @param openOnly only tickets that are not resolved or closed
 * @param state a state name
 * @param stateKind a state kind
 * @param queue a queue key
 * @param assignee an assignee
 * @param unassigned only tickets with nobody assigned
 * @param type a type key
 * @param category a category key (its sub-categories included)
 * @param priority a priority
 * @param tag a tag
 * @param overdue only overdue tickets: not started in time, or with a breached SLA
 * @param createdFrom created at or after
 * @param createdBefore created before
 * @param offset first position, 0 or more
 * @param limit page size, 1 to 500
 * @param order the order of the list: {@link Order#NEWEST} (null) or {@link Order#URGENCY} (since 0.2)
 * @param customerRef only tickets whose requester's {@link Requester#customerRef()} is this, or null (since 0.2)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketQuery(Scope scope, boolean openOnly, String state, StateKind stateKind, String queue, String assignee,
                          boolean unassigned, String type, String category, Priority priority, String tag, boolean overdue,
                          Instant createdFrom, Instant createdBefore, int offset, int limit, Order order,
                          String customerRef) {
    /** Which of the visible tickets a list shows. */
    public enum Scope {
        /** everything the reader may see */
        VISIBLE,
        /** tickets the reader asked for */
        REQUESTED_BY_ME,
        /** tickets assigned to the reader */
        ASSIGNED_TO_ME,
        /** tickets of the reader's queues */
        MY_QUEUES,
        /** tickets the reader watches */
        WATCHING
    }

    /**
     * The order of a list.
     *
     * @since 0.1
     */
    public enum Order {
        /** the newest first */
        NEWEST,
        /**
         * open tickets first, by urgency: the earliest due first (the SLA's resolution due, else the due set by hand),
         * then the higher priority, then the oldest; tickets without a due after those with one. A queue's list
         * ({@code queue(..)}) and an assignee's ({@code assignee(..)} or {@link Scope#ASSIGNED_TO_ME}) are read in
         * this order from an index.
         */
        URGENCY
    }

    /** Validates paging. */
    public TicketQuery {
        scope = scope == null ? Scope.VISIBLE : scope;
        order = order == null ? Order.NEWEST : order;
        if (offset < 0) {
            throw ValidationException.of("offset", "must be 0 or more, was " + offset);
        }
        if (limit < 1 || limit > 500) {
            throw ValidationException.of("limit", "must be 1 to 500, was " + limit);
        }
    }

    /** @return every visible ticket, first 50: {@code builder().build()} */
    public static TicketQuery all() {
        return builder().build();
    }

    /**
     * @return a builder with no filter, scope {@link Scope#VISIBLE}, the first 50
     * @since 0.1
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a builder holding this query's filters and page, to change some of them
     * @since 0.1
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.scope = scope;
        b.openOnly = openOnly;
        b.state = state;
        b.stateKind = stateKind;
        b.queue = queue;
        b.assignee = assignee;
        b.unassigned = unassigned;
        b.type = type;
        b.category = category;
        b.priority = priority;
        b.tag = tag;
        b.overdue = overdue;
        b.createdFrom = createdFrom;
        b.createdBefore = createdBefore;
        b.offset = offset;
        b.limit = limit;
        b.order = order;
        b.customerRef = customerRef;
        return b;
    }

    /**
     * Builds a {@link TicketQuery}: {@code TicketQuery.builder().queue("it").openOnly().page(0, 20).build()}. Each
     * method sets one filter (null clears it); {@link #build()} checks the page. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Scope scope = Scope.VISIBLE;
        private boolean openOnly;
        private String state;
        private StateKind stateKind;
        private String queue;
        private String assignee;
        private boolean unassigned;
        private String type;
        private String category;
        private Priority priority;
        private String tag;
        private boolean overdue;
        private Instant createdFrom;
        private Instant createdBefore;
        private int offset;
        private int limit = 50;
        private Order order = Order.NEWEST;
        private String customerRef;

        private Builder() {
        }

        /** @param v which of the visible tickets; null for {@link Scope#VISIBLE} */
        public Builder scope(Scope v) {
            scope = v;
            return this;
        }

        /** Only tickets that are not resolved or closed. */
        public Builder openOnly() {
            openOnly = true;
            return this;
        }

        /** @param v a state name */
        public Builder state(String v) {
            state = v;
            return this;
        }

        /** @param v a state kind */
        public Builder stateKind(StateKind v) {
            stateKind = v;
            return this;
        }

        /** @param v a queue key */
        public Builder queue(String v) {
            queue = v;
            return this;
        }

        /** @param v an assignee */
        public Builder assignee(String v) {
            assignee = v;
            return this;
        }

        /** Only tickets with nobody assigned. */
        public Builder unassigned() {
            unassigned = true;
            return this;
        }

        /** @param v a type key */
        public Builder type(String v) {
            type = v;
            return this;
        }

        /** @param v a category key; its sub-categories are included */
        public Builder category(String v) {
            category = v;
            return this;
        }

        /** @param v a priority */
        public Builder priority(Priority v) {
            priority = v;
            return this;
        }

        /** @param v a tag */
        public Builder tag(String v) {
            tag = v;
            return this;
        }

        /** Only overdue tickets: not started in time, or with a breached SLA. */
        public Builder overdue() {
            overdue = true;
            return this;
        }

        /** Only tickets created in [from, before); either may be null for no bound. */
        public Builder createdBetween(Instant from, Instant before) {
            createdFrom = from;
            createdBefore = before;
            return this;
        }

        /**
         * The page.
         *
         * @param newOffset first position, 0 or more
         * @param newLimit page size, 1 to 500
         */
        public Builder page(int newOffset, int newLimit) {
            offset = newOffset;
            limit = newLimit;
            return this;
        }

        /**
         * @param v the order of the list; null for {@link Order#NEWEST}
         * @since 0.1
         */
        public Builder order(Order v) {
            order = v;
            return this;
        }

        /**
         * Open tickets first, by urgency: due, then priority, then age ({@link Order#URGENCY}).
         *
         * @since 0.1
         */
        public Builder byUrgency() {
            return order(Order.URGENCY);
        }

        /**
         * @param v only the tickets of this customer (the requester's {@link Requester#customerRef()}); null for all
         * @since 0.1
         */
        public Builder customer(String v) {
            customerRef = v;
            return this;
        }

        /** @return the query; a {@code ValidationException} naming {@code offset} or {@code limit} when the page is out of range */
        public TicketQuery build() {
            return new TicketQuery(scope, openOnly, state, stateKind, queue, assignee, unassigned, type, category, priority, tag, overdue,
                    createdFrom, createdBefore, offset, limit, order, customerRef);
        }
    }
}
