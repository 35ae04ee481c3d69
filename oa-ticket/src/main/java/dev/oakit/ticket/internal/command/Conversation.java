package dev.oakit.ticket.internal.command;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.form.AttachmentRef;
import dev.oakit.ticket.Party;
import dev.oakit.ticket.Rating;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.StateKind;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.internal.store.TicketRow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What people say on a ticket: public replies (the requester's resumes a ticket waiting for them), an external
 * contact's reply through a channel, internal notes (agents only, never shown to the requester), and the requester's
 * rating of a resolution.
 */
@Singleton
public final class Conversation {
    private final Transitions transitions;

    @Inject
    public Conversation(Transitions transitions) {
        this.transitions = transitions;
    }

    /** A public reply by the requester or an agent. */
    public void reply(TicketChange c, String body, List<AttachmentRef> files, TicketReads reads) {
        boolean requester = c.parties.contains(Party.REQUESTER);
        if (!requester && !c.agentView()) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may not reply on ticket " + c.row.number
                    + "; its requester, " + Access.describe(Access.AGENT_VIEW, c.row) + " may");
        }
        if (c.row.kind == StateKind.CLOSED) {
            throw new ConflictException(TicketErrors.CLOSED, "ticket " + c.row.number + " is closed ('" + c.row.state + "'); reopen it before replying");
        }
        c.event(requester ? TicketEventKind.REQUESTER_REPLY : TicketEventKind.AGENT_REPLY, "reply", null, null, body, false,
                files.isEmpty() ? null : Map.of("attachments", files));
        if (requester) {
            resumeIfWaiting(c, reads);
        }
    }

    /**
     * The external contact who asked for the ticket replies through a channel. External contacts have no user, so the
     * system records the reply as the requester's when the sender's address is the contact's.
     */
    public void contactReply(TicketChange c, String email, String channel, String body, List<AttachmentRef> files, TicketReads reads) {
        Requester r = c.row.requester;
        if (email == null || r.internal() || r.contactEmail() == null || !r.contactEmail().equalsIgnoreCase(email)) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, email + " is not the requester of ticket " + c.row.number);
        }
        if (c.row.kind == StateKind.CLOSED) {
            throw new ConflictException(TicketErrors.CLOSED, "ticket " + c.row.number + " is closed; reopen it before replying");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", email);
        detail.put("channel", channel);
        if (!files.isEmpty()) {
            detail.put("attachments", files);
        }
        c.event(TicketEventKind.REQUESTER_REPLY, "reply", null, null, body, false, detail);
        resumeIfWaiting(c, reads);
        c.summary("ticket " + c.row.number + ": reply by " + channel + " from its requester " + email);
    }

    /** A requester's reply takes {@code resume} when the ticket waits and its lifecycle has that action. */
    private void resumeIfWaiting(TicketChange c, TicketReads reads) {
        if (c.row.kind == StateKind.WAITING) {
            c.lc.transition(c.row.state, "resume").ifPresent(t -> transitions.move(c, "resume", t.to(), null, reads));
        }
    }

    /** An internal note: agents only. */
    public void note(TicketChange c, String body) {
        Guards.requireAgent(c, "add internal notes to");
        c.event(TicketEventKind.INTERNAL_NOTE, "note", null, null, body, true, null);
    }

    /** The requester rates the current resolution, once, never as the agent who handled it. */
    public Rating rate(TicketChange c, int score, String comment, TicketReads reads) {
        TicketRow r = c.row;
        if (!c.parties.contains(Party.REQUESTER)) {
            throw new ForbiddenException(TicketErrors.FORBIDDEN, "user '" + c.actor.userId() + "' may not rate ticket " + r.number
                    + "; only its requester ('" + (r.requester.userId() == null ? "an external contact" : r.requester.userId()) + "') may");
        }
        if (c.actor.userId().equals(r.assignee)) {
            throw new ForbiddenException(TicketErrors.OWN_TICKET, "user '" + c.actor.userId() + "' handled ticket " + r.number
                    + " and may not rate it; agents never rate their own tickets");
        }
        if (r.resolutions == 0 || r.kind.open()) {
            throw new ConflictException(TicketErrors.NOT_RESOLVED, "ticket " + r.number + " is '" + r.state + "'; rate it once it is resolved");
        }
        if (reads.rated(r.id, r.resolutions)) {
            throw new ConflictException(TicketErrors.ALREADY_RATED, "resolution " + r.resolutions + " of ticket " + r.number
                    + " was rated already; one rating per resolution");
        }
        Rating rating = new Rating(r.resolutions, score, comment, c.actor.userId(), c.now);
        c.effects.add(new Effect.AddRating(rating));
        c.event(TicketEventKind.RATED, "rate", null, null, comment, false, TicketChange.detail("score", score, "resolution", r.resolutions));
        c.summary("rated resolution " + r.resolutions + " of ticket " + r.number + ": " + score);
        return rating;
    }
}
