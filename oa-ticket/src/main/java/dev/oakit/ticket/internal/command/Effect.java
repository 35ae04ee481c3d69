package dev.oakit.ticket.internal.command;

import dev.oakit.core.job.JobRequest;
import dev.oakit.ticket.Rating;
import dev.oakit.ticket.TicketLink;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a decision does besides changing the ticket's row and writing history entries (both of which the
 * {@link TicketChange} holds): the effects a decider lists, in order, and the writer applies in the command's
 * transaction. Every effect concerns the ticket of the change it was listed on.
 */
public sealed interface Effect {
    /** A notification from a ticket template to users (the actor and the system are left out when it is sent). */
    record Notify(String template, List<String> to, Map<String, Object> variables) implements Effect {
    }

    /** A durable job (a timer of the ticket). */
    record Schedule(JobRequest request) implements Effect {
    }

    /** The pending jobs with this dedupe key are withdrawn. */
    record CancelJobs(String dedupeKey) implements Effect {
    }

    /** The audit summary of the command (the last one stands). */
    record Summary(String text) implements Effect {
    }

    /** The audit record names this target (a create, whose ticket had no id when the command began). */
    record Target(String type, String id) implements Effect {
    }

    /** Users start watching the ticket. */
    record AddWatchers(List<String> userIds) implements Effect {
    }

    /** A user stops watching the ticket. */
    record RemoveWatcher(String userId) implements Effect {
    }

    /** The ticket's tag index is replaced. */
    record ReplaceTags(List<String> tags) implements Effect {
    }

    /** A link between two tickets is stored. */
    record AddLink(TicketLink link) implements Effect {
    }

    /** The actor logs time on the ticket; the writer hands back the entry's id ({@link TicketChange#loggedTimeId}). */
    record LogTime(String userId, int minutes, LocalDate workDate, String note) implements Effect {
    }

    /** A resolution is rated. */
    record AddRating(Rating rating) implements Effect {
    }
}
