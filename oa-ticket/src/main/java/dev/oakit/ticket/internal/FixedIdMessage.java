package dev.oakit.ticket.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message that keeps the Message-ID it was given instead of generating one on save, so a
 * retried send is recognisably the same mail and replies can thread to it. A null id sends none.
 */
public final class FixedIdMessage extends MimeMessage {
    private final String id;

    public FixedIdMessage(Session session, String id) {
        super(session);
        this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (id != null) {
            setHeader("Message-ID", id);
        } else {
            removeHeader("Message-ID");
        }
    }
}
