package dev.oakit.ticket.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.ticket.TicketConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Handle;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Mails the external contact who asked for a ticket when its state changes or an agent replies
 * publicly. OAKit's notifications reach users only, and an external contact is none, so this
 * listener renders the same templates through {@link Notifications#render} and sends them with
 * the SMTP settings of {@code core.notifications.email}. Each mail carries the ticket number in
 * brackets in its subject, a Message-ID derived from the event (stable across retries), and
 * In-Reply-To / References to the mails already on the ticket; the Message-ID is stored in
 * {@code oa_tk_mail} so the contact's answer threads back to the ticket.
 */
@Singleton
public final class ContactMailer implements EventListener {
    /** The template of a public agent reply to an external contact. */
    public static final String REPLY = "tk.ticket.reply";
    private static final Set<String> TYPES = Set.of("tk.ticket.state-changed", "tk.ticket.resolved", "tk.ticket.closed",
            "tk.ticket.reopened", "tk.ticket.agent-reply");

    private final NotificationsConfig.Email smtp;
    private final Notifications notifications;
    private final Commands commands;
    private final Locale locale;
    private final Session session;

    @Inject
    public ContactMailer(CoreConfig core, Notifications notifications, Commands commands, TicketConfig config) {
        this.smtp = core.notifications().email();
        this.notifications = notifications;
        this.commands = commands;
        this.locale = Locale.forLanguageTag(config.locale());
        this.session = smtp == null ? null : Session.getInstance(properties(smtp));
    }

    /** One mail ready to go; {@code to == null} means there is nobody to mail. */
    public record Outgoing(String to, String name, String subject, String body, String messageId, String inReplyTo, String references) {
    }

    @Override
    public boolean accepts(String eventType) {
        return smtp != null && TYPES.contains(eventType);
    }

    @Override
    public void onEvent(DomainEvent event) {
        if (event.payload().path("internal").asBoolean(false)) {
            return;
        }
        long ticketId = Long.parseLong(event.aggregateId());
        Outgoing out = commands.execute(CommandSpec.of(Actor.system(event.tenantId()), "tk.mail.contact")
                        .withTarget("ticket", event.aggregateId()).withRequestId("tk-contact:" + event.id()), Outgoing.class,
                ctx -> prepare(ctx, event, ticketId));
        if (out != null && out.to() != null) {
            send(out);
        }
    }

    private Outgoing prepare(CommandContext ctx, DomainEvent event, long ticketId) {
        Handle h = ctx.handle();
        String tenant = event.tenantId();
        Optional<Map<String, Object>> ticket = h.createQuery("SELECT number, title, requester_id, contact_name, contact_email FROM oa_tk_ticket"
                        + " WHERE id = :id AND tenant_id = :t")
                .bind("id", ticketId).bind("t", tenant).mapToMap().findOne();
        if (ticket.isEmpty() || ticket.get().get("requester_id") != null || ticket.get().get("contact_email") == null) {
            return new Outgoing(null, null, null, null, null, null, null);
        }
        String number = (String) ticket.get().get("number");
        String email = (String) ticket.get().get("contact_email");
        String kind = event.payload().path("kind").asText();
        // the event row written with this outbox event: same ticket, kind and instant
        String text = h.createQuery("SELECT body FROM oa_tk_event WHERE ticket_id = :id AND kind = :k AND at = :at ORDER BY id DESC")
                .bind("id", ticketId).bind("k", kind).bind("at", TicketRow.db(event.occurredAt())).mapTo(String.class).findFirst().orElse(null);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("number", number);
        vars.put("title", ticket.get().get("title"));
        vars.put("by", event.actorId());
        RenderedMessage m;
        if ("AGENT_REPLY".equals(kind)) {
            vars.put("body", text == null ? "" : text);
            m = notifications.render(REPLY, locale, vars);
        } else {
            vars.put("from", event.payload().path("fromState").asText(""));
            vars.put("to", event.payload().path("toState").asText(""));
            vars.put("action", event.payload().path("action").asText(""));
            vars.put("comment", text == null ? "" : text);
            m = notifications.render(TicketNotifier.STATUS, locale, vars);
        }
        List<String> thread = MailStore.thread(h, tenant, ticketId);
        String messageId = "<tk-" + event.id().replaceAll("[^A-Za-z0-9.-]", "-") + "@oakit>";
        String subject = m.subject().contains("[" + number + "]") ? m.subject()
                : m.subject().contains(number) ? m.subject().replaceFirst(java.util.regex.Pattern.quote(number), "[" + number + "]")
                : "[" + number + "] " + m.subject();
        MailStore.insertOut(h, tenant, messageId, ticketId, email, subject, m.body(), ctx.now());
        ctx.summary("mail to the external requester of ticket " + number + " (" + event.type() + ")");
        List<String> refs = thread.subList(Math.max(0, thread.size() - 20), thread.size());
        return new Outgoing(email, (String) ticket.get().get("contact_name"), subject, m.body(), messageId,
                thread.isEmpty() ? null : thread.get(thread.size() - 1), refs.isEmpty() ? null : String.join(" ", refs));
    }

    private void send(Outgoing out) {
        try {
            MimeMessage mail = new FixedIdMessage(session, out.messageId());
            InternetAddress from = new InternetAddress(smtp.from(), true);
            mail.setFrom(from.getPersonal() == null ? from : new InternetAddress(from.getAddress(), from.getPersonal(), StandardCharsets.UTF_8.name()));
            mail.setRecipient(Message.RecipientType.TO, out.name() == null ? new InternetAddress(out.to())
                    : new InternetAddress(out.to(), out.name(), StandardCharsets.UTF_8.name()));
            mail.setSubject(out.subject(), StandardCharsets.UTF_8.name());
            mail.setText(out.body(), StandardCharsets.UTF_8.name());
            if (out.inReplyTo() != null) {
                mail.setHeader("In-Reply-To", out.inReplyTo());
                mail.setHeader("References", out.references());
            }
            Transport.send(mail, smtp.username(), smtp.password());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IntegrationException("OA-TK/MAIL_OUT", "mail " + out.messageId() + " to " + out.to() + " could not be sent through "
                    + smtp.host() + ":" + smtp.port() + " (" + e.getMessage() + "); will retry", true, e);
        }
    }

    private static Properties properties(NotificationsConfig.Email smtp) {
        String p = smtp.ssl() ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", smtp.host());
        props.put(p + "port", Integer.toString(smtp.port()));
        props.put(p + "auth", Boolean.toString(smtp.username() != null));
        props.put(p + "starttls.enable", smtp.startTls().toString());
        String millis = Long.toString(smtp.timeout().toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put("mail.transport.protocol", smtp.ssl() ? "smtps" : "smtp");
        return props;
    }
}
