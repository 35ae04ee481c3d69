package dev.oakit.ticket.sla;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apiguardian.api.API;

import java.time.Instant;

/**
 * One fact of a ticket's history that matters to its SLA clocks. The ticket service records
 * these with the ticket and hands them, oldest first, to {@link SlaClock}; replaying the same
 * list always gives the same {@link SlaStatus}. In JSON each event has a {@code type}
 * ({@code created}, {@code stateChanged}, ...).
 *
 * <p>Every event has the instant it happened; the records check nothing else, {@link SlaClock}
 * validates the history as a whole. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SlaEvent.Created.class, name = "created"),
        @JsonSubTypes.Type(value = SlaEvent.StateChanged.class, name = "stateChanged"),
        @JsonSubTypes.Type(value = SlaEvent.AgentReplied.class, name = "agentReplied"),
        @JsonSubTypes.Type(value = SlaEvent.RequesterReplied.class, name = "requesterReplied"),
        @JsonSubTypes.Type(value = SlaEvent.PriorityChanged.class, name = "priorityChanged"),
        @JsonSubTypes.Type(value = SlaEvent.PolicyChanged.class, name = "policyChanged"),
        @JsonSubTypes.Type(value = SlaEvent.DueOverridden.class, name = "dueOverridden"),
        @JsonSubTypes.Type(value = SlaEvent.Resolved.class, name = "resolved"),
        @JsonSubTypes.Type(value = SlaEvent.Reopened.class, name = "reopened"),
        @JsonSubTypes.Type(value = SlaEvent.Closed.class, name = "closed")
})
public sealed interface SlaEvent {

    /** @return when it happened; never null in a valid history */
    Instant at();

    /**
     * The ticket was created: starts the first-response and resolution clocks.
     *
     * @param at creation instant
     * @param priority the ticket's priority name
     * @param policy the SLA policy's name; null for a ticket without SLA
     */
    record Created(Instant at, String priority, String policy) implements SlaEvent {
    }

    /**
     * The ticket entered {@code state}; a state the policy lists as pausing stops the clocks until
     * the ticket leaves it.
     *
     * @param at instant of the transition
     * @param state the new state's name
     */
    record StateChanged(Instant at, String state) implements SlaEvent {
    }

    /**
     * An agent replied. A public reply meets the first response and a running next response; an
     * internal note ({@code publicReply == false}) changes nothing.
     *
     * @param at instant of the reply
     * @param publicReply whether the requester sees it
     */
    record AgentReplied(Instant at, boolean publicReply) implements SlaEvent {
    }

    /**
     * The requester replied. After a public agent reply, this starts a next-response clock.
     *
     * @param at instant of the reply
     */
    record RequesterReplied(Instant at) implements SlaEvent {
    }

    /**
     * The priority changed: unmet targets take the new priority's working time, counted from their
     * original start.
     *
     * @param at instant of the change
     * @param priority the new priority's name
     */
    record PriorityChanged(Instant at, String priority) implements SlaEvent {
    }

    /**
     * Another policy applies from now on. Unmet targets take the new policy's working time from
     * their original start; pause time already counted is kept.
     *
     * @param at instant of the change
     * @param policy the new policy's name; null removes the SLA
     */
    record PolicyChanged(Instant at, String policy) implements SlaEvent {
    }

    /**
     * Someone set the due time of a target by hand. A manual due is not moved by pauses, priority
     * or policy changes; it lasts for the current clock (a new next-response cycle or a restarted
     * resolution clock drops it).
     *
     * @param at instant of the override
     * @param target the clock whose due is set
     * @param dueAt the new due time; null returns to the policy's due
     */
    record DueOverridden(Instant at, SlaTarget target, Instant dueAt) implements SlaEvent {
    }

    /**
     * The ticket was resolved: meets the resolution target, and counts as a response for a running
     * first- or next-response clock.
     *
     * @param at instant of the resolution
     */
    record Resolved(Instant at) implements SlaEvent {
    }

    /**
     * The resolved ticket was reopened; the resolution clock follows the policy's {@link ReopenRule}.
     *
     * @param at instant of the reopen
     */
    record Reopened(Instant at) implements SlaEvent {
    }

    /**
     * The ticket was closed: every clock stops. A target not met by then ends as
     * {@link TargetState#BREACHED} if it was past due, else {@link TargetState#NOT_APPLICABLE}.
     *
     * @param at instant of the close
     */
    record Closed(Instant at) implements SlaEvent {
    }

    /** @return a {@link Created} event */
    static SlaEvent created(Instant at, String priority, String policy) {
        return new Created(at, priority, policy);
    }

    /** @return a {@link StateChanged} event */
    static SlaEvent stateChanged(Instant at, String state) {
        return new StateChanged(at, state);
    }

    /** @return a public {@link AgentReplied} event */
    static SlaEvent agentReplied(Instant at) {
        return new AgentReplied(at, true);
    }

    /** @return an internal-note {@link AgentReplied} event */
    static SlaEvent internalNote(Instant at) {
        return new AgentReplied(at, false);
    }

    /** @return a {@link RequesterReplied} event */
    static SlaEvent requesterReplied(Instant at) {
        return new RequesterReplied(at);
    }

    /** @return a {@link PriorityChanged} event */
    static SlaEvent priorityChanged(Instant at, String priority) {
        return new PriorityChanged(at, priority);
    }

    /** @return a {@link PolicyChanged} event */
    static SlaEvent policyChanged(Instant at, String policy) {
        return new PolicyChanged(at, policy);
    }

    /** @return a {@link DueOverridden} event */
    static SlaEvent dueOverridden(Instant at, SlaTarget target, Instant dueAt) {
        return new DueOverridden(at, target, dueAt);
    }

    /** @return a {@link Resolved} event */
    static SlaEvent resolved(Instant at) {
        return new Resolved(at);
    }

    /** @return a {@link Reopened} event */
    static SlaEvent reopened(Instant at) {
        return new Reopened(at);
    }

    /** @return a {@link Closed} event */
    static SlaEvent closed(Instant at) {
        return new Closed(at);
    }
}
