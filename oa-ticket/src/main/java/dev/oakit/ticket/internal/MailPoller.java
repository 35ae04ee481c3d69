package dev.oakit.ticket.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketErrors;
import dev.oakit.ticket.Tickets;
import dev.oakit.ticket.TicketChannelsConfig;
import dev.oakit.ticket.TicketConfig;
import dev.oakit.ticket.mail.MailIntake;
import dev.oakit.ticket.mail.MailPollReport;
import dev.oakit.ticket.mail.MailTls;
import dev.oakit.ticket.mail.MailboxConfig;
import dev.oakit.ticket.mail.MailboxStatus;
import dev.oakit.ticket.internal.store.Columns;
import dev.oakit.ticket.internal.store.TicketRepository;
import dev.oakit.ticket.internal.store.MailRepository;
import dev.oakit.ticket.internal.store.MailCursorRepository;
import dev.oakit.ticket.internal.store.JsonText;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads IMAP mailboxes into tickets (docs/ticket-channels.md). A poll locks the mailbox's cursor
 * row, reads the messages after the last UID it committed, and takes each one in a nested command
 * (its own savepoint): claim the Message-ID in {@code oa_tk_mail} (unique per tenant), then open a
 * ticket or add a reply. The cursor moves in the same transaction, so a crash re-reads messages,
 * and the claimed Message-IDs make the re-read a no-op.
 */
@Singleton
public final class MailPoller implements MailIntake {
    static final String JOB = "tk.mail.poll";
    /** Published on the first failed poll of a run of failures. */
    static final String FAILED_EVENT = "tk.mail.poll-failed";
    /** Published on the first successful poll after failures. */
    static final String RECOVERED_EVENT = "tk.mail.poll-recovered";
    private static final Logger LOG = LoggerFactory.getLogger(MailPoller.class);

    private final Map<String, MailboxConfig> boxes = new LinkedHashMap<>();
    private final Commands commands;
    private final Tickets engine;
    private final ChannelDesk desk;
    private final ObjectMapper json;
    private final MailText text;
    private final Pattern number;

    @Inject
    public MailPoller(TicketChannelsConfig config, TicketConfig tickets, Commands commands, Tickets engine, ChannelDesk desk,
                      ObjectMapper json, MailText text) {
        config.mailboxes().forEach(b -> boxes.put(b.name(), b));
        this.commands = commands;
        this.engine = engine;
        this.desk = desk;
        this.json = json;
        this.text = text;
        this.number = Pattern.compile("(?<![A-Z0-9])" + tickets.numberPrefix() + "-\\d{4}-\\d{1,12}(?!\\d)");
    }

    @Override
    public List<String> mailboxes() {
        return List.copyOf(boxes.keySet());
    }

    @Override
    public MailPollReport poll(Actor actor, String mailbox) {
        MailboxConfig box = box(actor, mailbox);
        return commands.execute(CommandSpec.of(actor, "tk.mail.poll").withTarget("mailbox", box.name()), MailPollReport.class,
                ctx -> pollIn(ctx, box));
    }

    @Override
    public void startPolling(Actor actor, String mailbox) {
        MailboxConfig box = box(actor, mailbox);
        ensureCursor(box);
        commands.execute(CommandSpec.of(actor, "tk.mail.start-polling").withTarget("mailbox", box.name()), Long.class, ctx -> {
            ctx.summary("polls mailbox '" + box.name() + "' every " + box.pollInterval());
            MailCursorRepository.started(ctx.handle(), box.tenant(), box.name(), ctx.now());
            ctx.schedule(MailPurgeJob.at(ctx.now(), null));
            return ctx.schedule(pollJob(box, ctx.now()));
        });
    }

    @Override
    public void stopPolling(Actor actor, String mailbox) {
        MailboxConfig box = box(actor, mailbox);
        commands.execute(CommandSpec.of(actor, "tk.mail.stop-polling").withTarget("mailbox", box.name()), Integer.class, ctx -> {
            ctx.summary("stopped polling mailbox '" + box.name() + "'");
            MailCursorRepository.nextPoll(ctx.handle(), box.tenant(), box.name(), null);
            return ctx.cancelJobs(JOB + ":" + box.name());
        });
    }

    @Override
    public MailboxStatus status(Actor actor, String mailbox) {
        MailboxConfig box = box(actor, mailbox);
        return commands.query(h -> MailCursorRepository.status(h, box.tenant(), box.name()));
    }

    /**
     * The next run of the recurring poll. Every poll schedules its successor, failed or not, so the
     * job's own retries are left for a database that cannot record the poll at all: many of them.
     */
    static JobRequest pollJob(MailboxConfig box, Instant at) {
        return JobRequest.of(JOB, Map.of("mailbox", box.name())).at(at).dedupe(JOB + ":" + box.name()).maxAttempts(1000);
    }

    /** @return the mailbox as configured for the tenant, or null when it no longer is */
    MailboxConfig configured(String mailbox, String tenant) {
        MailboxConfig box = boxes.get(mailbox);
        return box == null || !box.tenant().equals(tenant) ? null : box;
    }

    private MailboxConfig box(Actor actor, String mailbox) {
        MailboxConfig box = boxes.get(mailbox);
        if (box == null || !box.tenant().equals(actor.tenantId())) {
            throw new NotFoundException(TicketErrors.NO_MAILBOX, "mailbox '" + mailbox + "' is not configured for tenant '" + actor.tenantId()
                    + "'; configured: " + boxes.keySet() + " (ticket-channels.mailboxes)");
        }
        actor.requireAdmin("poll mailbox '" + mailbox + "'");
        return box;
    }

    // ------------------------------------------------------------------ one poll

    MailPollReport pollIn(CommandContext ctx, MailboxConfig box) {
        Handle h = ctx.handle();
        MailCursorRepository.Cursor cursor = lockCursor(ctx, box);
        boolean bmpOnly = text.bmpOnly(h);
        List<MailPollReport.Message> out = new ArrayList<>();
        Store store = connect(box);
        try {
            Folder folder = store.getFolder(box.folder());
            folder.open(Folder.READ_ONLY);
            try {
                UIDFolder uids = (UIDFolder) folder;
                long validity = uids.getUIDValidity();
                long after = validity == cursor.uidValidity() ? cursor.lastUid() : 0;
                Message[] found = uids.getMessagesByUID(after + 1, UIDFolder.MAXUID);
                FetchProfile fp = new FetchProfile();
                fp.add(UIDFolder.FetchProfileItem.UID);
                folder.fetch(found, fp);
                List<Message> fresh = new ArrayList<>(Arrays.stream(found).filter(m -> uid(uids, m) > after).toList());
                fresh.sort(Comparator.comparingLong(m -> uid(uids, m)));
                long last = after;
                for (Message m : fresh.subList(0, Math.min(fresh.size(), box.batchSize()))) {
                    long uid = uid(uids, m);
                    out.add(receive(box, (MimeMessage) m, "imap:" + box.name() + "/" + validity + "/" + uid, bmpOnly));
                    last = uid;
                }
                MailCursorRepository.advance(h, box.tenant(), box.name(), validity, last, ctx.now());
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw unreachable(box, e);
        } finally {
            try {
                store.close();
            } catch (MessagingException e) {
                LOG.debug("closing mailbox {} failed: {}", box.name(), e.getMessage());
            }
        }
        ctx.summary("polled mailbox '" + box.name() + "': " + out.size() + " message(s)");
        if (cursor.failures() > 0) {
            LOG.info("mailbox {}: polled again after {} failed poll(s)", box.name(), cursor.failures());
            ctx.publish(RECOVERED_EVENT, "mailbox", box.name(), Map.of("mailbox", box.name(), "failures", cursor.failures()));
        }
        return new MailPollReport(box.name(), out);
    }

    private static long uid(UIDFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the cursor, with its row locked so pollers of one mailbox take turns */
    private MailCursorRepository.Cursor lockCursor(CommandContext ctx, MailboxConfig box) {
        Optional<MailCursorRepository.Cursor> row = MailCursorRepository.lock(ctx.handle(), box.tenant(), box.name());
        if (row.isPresent()) {
            return row.get();
        }
        ensureCursor(box);
        return lockCursor(ctx, box);
    }

    /** Creates the mailbox's cursor row unless it exists, in its own nested command (two pollers may race to create it). */
    void ensureCursor(MailboxConfig box) {
        if (commands.query(h -> MailCursorRepository.exists(h, box.tenant(), box.name()))) {
            return;
        }
        try {
            commands.execute(CommandSpec.of(Actor.system(box.tenant()), "tk.mail.cursor"), Void.class, c -> {
                MailCursorRepository.create(c.handle(), box.tenant(), box.name(), c.now());
                return null;
            });
        } catch (ConflictException e) {
            LOG.debug("mailbox {}: the cursor exists already", box.name());
        }
    }

    private Store connect(MailboxConfig box) {
        String protocol = box.tls() == MailTls.SSL ? "imaps" : "imap";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put("mail.store.protocol", protocol);
        props.put(p + "host", box.host());
        props.put(p + "port", Integer.toString(box.port()));
        String millis = Long.toString(box.timeout().toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        if (box.tls() == MailTls.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        try {
            Store store = Session.getInstance(props).getStore(protocol);
            store.connect(box.host(), box.port(), box.user(), box.password());
            return store;
        } catch (AuthenticationFailedException e) {
            throw new IntegrationException(TicketErrors.MAIL_LOGIN, "mailbox '" + box.name() + "': " + box.host() + ":" + box.port()
                    + " refused the login of '" + box.user() + "'; fix ticket-channels.mailboxes[" + box.name() + "].user/password", false, e);
        } catch (MessagingException e) {
            throw unreachable(box, e);
        }
    }

    private static IntegrationException unreachable(MailboxConfig box, MessagingException e) {
        return new IntegrationException(TicketErrors.MAIL, "mailbox '" + box.name() + "': IMAP " + box.host() + ":" + box.port() + " (" + box.tls()
                + ", folder " + box.folder() + ") failed: " + e.getMessage() + "; check host, port, tls and folder; will retry", true, e);
    }

    // ------------------------------------------------------------------ one message

    /**
     * Takes one message in its own nested command. Whatever the message holds, it ends as a ticket,
     * a reply, a duplicate or a FAILED record: only a failure of the database itself (retryable)
     * fails the poll, so one bad message never stops the mailbox.
     *
     * @param location where the message is: {@code imap:<mailbox>/<uidvalidity>/<uid>}
     */
    private MailPollReport.Message receive(MailboxConfig box, MimeMessage m, String location, boolean bmpOnly) {
        ParsedMail mail;
        try {
            mail = ParsedMail.parse(m, location + "/", box.maxHtmlChars()).storable(bmpOnly);
        } catch (MessagingException | IOException | RuntimeException e) {
            return failed(box, location, null, "the message cannot be read (" + e + ")");
        }
        try {
            return commands.execute(CommandSpec.of(Actor.system(box.tenant()), "tk.mail.receive").withTarget("mail", Columns.cut(mail.messageId(), 128)),
                    MailPollReport.Message.class, ctx -> take(ctx, box, mail));
        } catch (ConflictException e) {
            if (CoreErrors.DUPLICATE.equals(e.code())) {
                return new MailPollReport.Message(mail.messageId(), MailOutcome.DUPLICATE, null, null, "taken by another poller at the same time");
            }
            return failed(box, location, mail, e.getMessage());
        } catch (IntegrationException e) {
            if (e.retryable()) {
                throw e; // a deadlock or a lost connection is no fault of the message: the whole poll is retried
            }
            return failed(box, location, mail, e.getMessage());
        } catch (RuntimeException e) {
            return failed(box, location, mail, e instanceof OaException ? e.getMessage() : e.toString());
        }
    }

    private MailPollReport.Message take(CommandContext ctx, MailboxConfig box, ParsedMail mail) {
        Handle h = ctx.handle();
        String tenant = box.tenant();
        Optional<Long> seen = MailRepository.seen(h, tenant, mail.messageId());
        if (seen.isPresent()) {
            TicketRepository.Ref t = desk.byId(h, tenant, seen.get()).orElse(null);
            return new MailPollReport.Message(mail.messageId(), MailOutcome.DUPLICATE, t == null ? null : t.id(), t == null ? null : t.number(),
                    "Message-ID seen before");
        }
        if (!mail.hasSender()) {
            throw ValidationException.of("From", "the mail has no sender address, so nobody could be its requester; it is kept in oa_tk_mail");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        String body = body(box, mail, detail);
        // the From header proves nothing: only a verified sender may act as the internal user with that address
        SenderCheck.Verdict sender = SenderCheck.verify(box.senderAuth(), mail);
        detail.put("sender", (sender.verified() ? "verified: " : "unverified: ") + sender.why());
        String userId = sender.verified() ? desk.userByEmail(tenant, mail.fromEmail()).orElse(null) : null;
        // claim the Message-ID first: a second poller blocks here and then fails on the unique index
        long row = MailRepository.insertIn(h, tenant, box.name(), mail.messageId(), "RECEIVED", mail.fromEmail(), mail.subject(), mail.text(),
                JsonText.write(json, detail), ctx.now());
        Optional<TicketRepository.Ref> thread = thread(h, tenant, mail);
        MailOutcome outcome;
        TicketRepository.Ref target;
        if (thread.isPresent()) {
            target = thread.get();
            ChannelDesk.Added added = desk.add(tenant, target, userId, mail.fromEmail(), "email", body.isEmpty() ? "(empty mail)" : body,
                    mail.attachments());
            outcome = added == ChannelDesk.Added.REPLIED ? MailOutcome.REPLIED : MailOutcome.NOTED;
        } else {
            String title = mail.subject().isEmpty() ? "(no subject)" : Columns.cut(mail.subject(), 200);
            NewTicket.Builder b = NewTicket.builder(box.type(), title).description(body.isEmpty() ? null : body).channel("email")
                    .requester(userId != null ? Requester.user(userId) : ChannelDesk.contact(mail.fromName(), mail.fromEmail())).queue(box.queue()).category(box.category())
                    .priority(box.priority());
            mail.attachments().forEach(b::attachment);
            Ticket t = engine.create(Actor.system(tenant), b.build());
            target = new TicketRepository.Ref(t.id(), t.number());
            outcome = MailOutcome.CREATED;
        }
        MailRepository.taken(h, row, target.id(), outcome.name());
        ctx.summary("mail " + mail.messageId() + " from " + mail.fromEmail() + ": " + outcome + " " + target.number());
        return new MailPollReport.Message(mail.messageId(), outcome, target.id(), target.number(),
                outcome == MailOutcome.NOTED ? "the sender is no party of the ticket, or it is closed: kept as an internal note" : null);
    }

    /** The text for the ticket, cut to the mailbox's limit with a note; the whole text stays in the mail record. */
    private static String body(MailboxConfig box, ParsedMail mail, Map<String, Object> detail) {
        String text = mail.text();
        if (mail.htmlOnly()) {
            detail.put("htmlOnly", true);
        }
        if (mail.htmlCut()) {
            detail.put("htmlCut", true);
        }
        if (mail.subject().isEmpty()) {
            detail.put("noSubject", true);
        }
        if (!mail.attachments().isEmpty()) {
            detail.put("attachments", mail.attachments());
        }
        if (text.length() <= box.maxBodyChars()) {
            return text;
        }
        detail.put("truncated", true);
        detail.put("chars", text.length());
        String note = "\n\n[… cut: the mail has " + text.length() + " characters; the whole text is kept with mail " + mail.messageId() + "]";
        return text.substring(0, Math.max(0, box.maxBodyChars() - note.length())) + note;
    }

    /** Threads by In-Reply-To / References naming a mail we stored, else by a ticket number in the subject. */
    private Optional<TicketRepository.Ref> thread(Handle h, String tenant, ParsedMail mail) {
        Optional<Long> id = MailRepository.ticketOfAny(h, tenant, mail.threadIds());
        if (id.isPresent()) {
            return desk.byId(h, tenant, id.get());
        }
        Matcher x = number.matcher(mail.subject());
        while (x.find()) {
            Optional<TicketRepository.Ref> t = desk.byNumber(h, tenant, x.group());
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /**
     * Keeps a message that could not become a ticket or reply, with the reason, so an administrator
     * can act on it. It records only bounded metadata cleaned for the strictest database (no body:
     * the message stays in the mailbox at {@code location}), so this record cannot fail on the
     * message's content; only a failure of the database itself propagates.
     */
    private MailPollReport.Message failed(MailboxConfig box, String location, ParsedMail mail, String reason) {
        String messageId = mail == null ? "<" + location.replace('/', '.') + ".unreadable@oakit>" : MailText.line(Columns.cut(mail.messageId(), 255), true);
        String sender = mail == null || mail.fromEmail() == null ? null : MailText.line(Columns.cut(mail.fromEmail(), 254), true);
        String subject = mail == null ? null : MailText.line(Columns.cut(mail.subject(), 200), true);
        String why = MailText.text(Columns.cut(reason == null ? "no reason given" : reason, 1000), true);
        LOG.warn("mailbox {}: mail {} ({}) not taken: {}", box.name(), messageId, location, why);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("mail", location);
        detail.put("error", why);
        try {
            commands.execute(CommandSpec.of(Actor.system(box.tenant()), "tk.mail.failed").withTarget("mail", Columns.cut(messageId, 128)),
                    Void.class, ctx -> {
                        ctx.summary("mail " + messageId + " not taken: " + Columns.cut(why, 500));
                        MailRepository.insertIn(ctx.handle(), box.tenant(), box.name(), messageId, MailOutcome.FAILED.name(), sender, subject, null,
                                JsonText.write(json, detail), ctx.now());
                        return null;
                    });
        } catch (ConflictException e) {
            if (!CoreErrors.DUPLICATE.equals(e.code())) {
                throw e;
            }
            return new MailPollReport.Message(messageId, MailOutcome.DUPLICATE, null, null, "Message-ID seen before");
        }
        return new MailPollReport.Message(messageId, MailOutcome.FAILED, null, null, why);
    }
}
