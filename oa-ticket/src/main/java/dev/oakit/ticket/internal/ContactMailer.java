package dev.oakit.ticket.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.notify.RenderedMessage;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import dev.oakit.ticket.TicketChannelsConfig;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.TicketTemplates;
import dev.oakit.ticket.internal.store.EventRepository;
import dev.oakit.ticket.internal.store.MailRepository;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.TicketRow;
import dev.oakit.ticket.internal.store.JsonText;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@code oa_tk_mail} so the contact's answer threads back to the ticket. The mail leaves through a
 * durable job of its own ({@link SendJob}), so a mail the SMTP server refuses never holds back
 * the other listeners of the event. The SMTP connection needs
 * STARTTLS (with the server's name checked against its certificate) unless it is implicit TLS or
 * {@code ticket-channels.mail.requireStartTls} is false.
 */
@Singleton
public final class ContactMailer implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(ContactMailer.class);
    /** The template of a public agent reply to an external contact. */
    public static final String REPLY = TicketTemplates.REPLY;
    /** The job that sends one prepared mail. */
    static final String SEND_JOB = "tk.mail.send";
    private static final Set<String> TYPES = Set.of("tk.ticket.state-changed", "tk.ticket.resolved", "tk.ticket.closed",
            "tk.ticket.reopened", "tk.ticket.agent-reply");

    private final NotificationsConfig.Email smtp;
    private final Notifications notifications;
    private final Commands commands;
    private final Locale locale;
    private final Session session;
    private final boolean startTls;
    private final ObjectMapper json;
    private final TicketRepository tickets;
    private final EventRepository events;

    @Inject
    public ContactMailer(CoreConfig core, Notifications notifications, Commands commands, TicketConfig config, TicketChannelsConfig channels,
                         ObjectMapper json, TicketRepository tickets, EventRepository events) {
        this.tickets = tickets;
        this.events = events;
        this.json = json;
        this.smtp = core.notifications().email();
        this.notifications = notifications;
        this.commands = commands;
        this.locale = Locale.forLanguageTag(config.locale());
        this.startTls = smtp != null && !smtp.ssl() && (channels.mail().requireStartTls() || Boolean.TRUE.equals(smtp.startTls()));
        this.session = smtp == null ? null : Session.getInstance(properties(smtp, startTls));
        if (smtp != null && !smtp.ssl() && !startTls) {
            LOG.warn("mail to external requesters goes to {}:{} without TLS (ticket-channels.mail.requireStartTls is false);"
                    + " keep this for a relay on the same host or a test server only", smtp.host(), smtp.port());
        }
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
        commands.execute(CommandSpec.of(Actor.system(event.tenantId()), "tk.mail.contact")
                        .withTarget("ticket", event.aggregateId()).withRequestId("tk-contact:" + event.id()), String.class,
                ctx -> prepare(ctx, event, ticketId));
    }

    /** @return the Message-ID of the mail to send, or null when the ticket has no external requester (the request's stored result) */
    private String prepare(CommandContext ctx, DomainEvent event, long ticketId) {
        Handle h = ctx.handle();
        String tenant = event.tenantId();
        Optional<TicketRow> ticket = tickets.find(h, tenant, ticketId);
        if (ticket.isEmpty() || ticket.get().requester.userId() != null || ticket.get().requester.contactEmail() == null) {
            return null;
        }
        String number = ticket.get().number;
        String email = ticket.get().requester.contactEmail();
        String kind = event.payload().path("kind").asText();
        // the event row written with this outbox event: same ticket, kind and instant
        String text = events.bodyAt(h, ticketId, kind, event.occurredAt()).orElse(null);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("number", number);
        vars.put("title", ticket.get().title);
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
            m = notifications.render(TicketTemplates.STATUS, locale, vars);
        }
        List<String> thread = MailRepository.thread(h, tenant, ticketId);
        String messageId = "<tk-" + event.id().replaceAll("[^A-Za-z0-9.-]", "-") + "@oakit>";
        String subject = m.subject().contains("[" + number + "]") ? m.subject()
                : m.subject().contains(number) ? m.subject().replaceFirst(java.util.regex.Pattern.quote(number), "[" + number + "]")
                : "[" + number + "] " + m.subject();
        List<String> refs = thread.subList(Math.max(0, thread.size() - 20), thread.size());
        MailRepository.Outgoing out = new MailRepository.Outgoing(email, ticket.get().requester.contactName(), subject, m.body(), messageId,
                thread.isEmpty() ? null : thread.get(thread.size() - 1), refs.isEmpty() ? null : String.join(" ", refs));
        MailRepository.insertOut(h, tenant, out, ticketId, JsonText.write(ctx.json(), headers(out)), ctx.now());
        ctx.summary("mail to the external requester of ticket " + number + " (" + event.type() + ")");
        // the job names the mail only: its text stays in oa_tk_mail, where the retention purge reaches it
        ctx.schedule(JobRequest.of(SEND_JOB, Map.of("messageId", messageId)).dedupe(SEND_JOB + ":" + messageId));
        ctx.schedule(MailPurgeJob.at(ctx.now(), null)); // a tenant that polls no mailbox purges its mails out too
        return messageId;
    }

    /** @return what a mail out needs beyond address, subject and body, for its row's detail */
    private static Map<String, Object> headers(MailRepository.Outgoing out) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", out.name());
        d.put("inReplyTo", out.inReplyTo());
        d.put("references", out.references());
        return d;
    }

    private void send(MailRepository.Outgoing out) {
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
            if (startTls && e instanceof MessagingException && String.valueOf(e.getMessage()).contains("STARTTLS")) {
                throw new IntegrationException(TicketErrors.MAIL_TLS, "mail " + out.messageId() + " to " + out.to() + " was not sent: " + smtp.host()
                        + ":" + smtp.port() + " does not offer STARTTLS (" + e.getMessage() + "), which ticket-channels.mail.requireStartTls"
                        + " demands; turn on STARTTLS at the server or use core.notifications.email.ssl, then replay this job", false, e);
            }
            throw new IntegrationException(TicketErrors.MAIL_OUT, "mail " + out.messageId() + " to " + out.to() + " could not be sent through "
                    + smtp.host() + ":" + smtp.port() + " (" + e.getMessage() + "); will retry", true, e);
        }
    }

    /**
     * Sends one prepared mail. A server that refuses it for good (no STARTTLS where it is required)
     * parks the job as dead, visible and replayable; anything else is retried with the job backoff.
     */
    public static final class SendJob implements JobHandler {
        private final ContactMailer mailer;

        @Inject
        public SendJob(ContactMailer mailer) {
            this.mailer = mailer;
        }

        @Override
        public String type() {
            return SEND_JOB;
        }

        @Override
        public void handle(JobContext job) {
            String messageId = job.payload().path("messageId").asText();
            Optional<MailRepository.Outgoing> out = MailRepository.outgoing(job.handle(), job.tenantId(), messageId, mailer.json);
            if (out.isEmpty() || mailer.smtp == null) {
                LOG.warn("mail {} is not sent: {}", messageId, out.isEmpty() ? "its record is gone" : "core.notifications.email is no longer configured");
                return;
            }
            if (out.get().body() == null) {
                throw new IntegrationException(TicketErrors.MAIL_PURGED, "mail " + messageId + " to " + out.get().to() + " cannot be sent any more:"
                        + " its text was purged after ticket-channels.mail.retention", false, null);
            }
            mailer.send(out.get());
        }
    }

    private static Properties properties(NotificationsConfig.Email smtp, boolean startTls) {
        String p = smtp.ssl() ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", smtp.host());
        props.put(p + "port", Integer.toString(smtp.port()));
        props.put(p + "auth", Boolean.toString(smtp.username() != null));
        props.put(p + "starttls.enable", Boolean.toString(startTls));
        props.put(p + "starttls.required", Boolean.toString(startTls));
        props.put(p + "ssl.checkserveridentity", "true");
        String millis = Long.toString(smtp.timeout().toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put("mail.transport.protocol", smtp.ssl() ? "smtps" : "smtp");
        return props;
    }
}
