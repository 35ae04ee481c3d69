package dev.oakit.ticket.channel;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.oakit.core.Actor;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.core.directory.User;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketChannelsPlugin;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.internal.FixedIdMessage;
import dev.oakit.ticket.mail.MailIntake;
import dev.oakit.ticket.mail.MailPollReport;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The help desk of {@link TicketFixture} with a GreenMail IMAP server in the test JVM: mailbox
 * {@code support} reads {@code support@acme.test} into tickets of type {@code it}. User gina is an
 * internal user with the address {@code gina@acme.test}. Outgoing mail (core's email channel and
 * the mails to external requesters) goes to GreenMail's SMTP server.
 */
final class MailDesk {
    static final String SUPPORT = "support@acme.test";
    GreenMail mail;
    GreenMailUser inbox;
    private int imap;
    private int smtp;
    final TicketFixture f;
    final MailIntake intake;
    final TestDatabase db;
    private final Session session = Session.getInstance(new Properties());

    MailDesk(TestDatabase db) {
        this(db, box -> { }, b -> { });
    }

    MailDesk(TestDatabase db, Consumer<Map<String, Object>> mailbox, Consumer<OaKitBuilder> more) {
        this.db = db;
        mail = new GreenMail(new ServerSetup[]{new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.start();
        db.closeLater(mail::stop);
        inbox = mail.setUser(SUPPORT, "support", "s3cret");
        Map<String, Object> box = mailbox("support");
        mailbox.accept(box);
        // "mail" in the map: the channels' mail settings; by default plain SMTP to the local GreenMail server is allowed
        Object mailSettings = box.containsKey("mail") ? box.remove("mail") : Map.of("requireStartTls", false);
        List<Map<String, Object>> boxes = new ArrayList<>(List.of(box));
        if (box.containsKey("twin")) {
            box.remove("twin");
            Map<String, Object> twin = new LinkedHashMap<>(box);
            twin.put("name", "support-2");
            boxes.add(twin);
        }
        f = new TicketFixture(db, b -> {
            b.plugin(new TicketChannelsPlugin()).config(TicketChannelsPlugin.ID, Map.of("mailboxes", boxes, "mail", mailSettings))
                    // the help desk's outgoing mail goes to GreenMail's SMTP server
                    .config("core", Map.of("notifications", Map.of("email", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(),
                            "from", "IT 服务台 <helpdesk@acme.test>"))));
            more.accept(b);
        });
        f.directory.createUser(f.admin, User.of("gina", "Gina").withEmail("Gina@Acme.test"));
        intake = f.oa.service(MailIntake.class);
    }

    Map<String, Object> mailbox(String name) {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("name", name);
        box.put("tenant", TicketFixture.T);
        box.put("host", "127.0.0.1");
        box.put("port", mail.getImap().getPort());
        box.put("user", "support");
        box.put("password", "s3cret");
        box.put("tls", "NONE");
        box.put("type", "it");
        box.put("timeout", "PT10S");
        return box;
    }

    /** Stops the mail servers (IMAP and SMTP): the mailbox is unreachable. */
    void stopServers() {
        imap = mail.getImap().getPort();
        smtp = mail.getSmtp().getPort();
        mail.stop();
    }

    /** Starts fresh mail servers on the same ports; the mailbox comes back empty, with the same login. */
    void restartServers() {
        mail = new GreenMail(new ServerSetup[]{new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        mail.start();
        db.closeLater(mail::stop);
        inbox = mail.setUser(SUPPORT, "support", "s3cret");
    }

    /** Makes the mailbox believe the verdicts of the mail server {@code mx.acme.test} about senders of {@code acme.test}. */
    static void trustAcme(Map<String, Object> box) {
        box.put("senderAuth", Map.of("authServId", "mx.acme.test", "domains", List.of("acme.test")));
    }

    /** Adds the verdict of the mail server {@code mx.acme.test}: a passing DKIM signature of the sender's domain. */
    static MimeMessage verified(MimeMessage m) throws MessagingException {
        String from = ((InternetAddress) m.getFrom()[0]).getAddress();
        m.addHeader("Authentication-Results", "mx.acme.test; dkim=pass header.d=" + from.substring(from.indexOf('@') + 1));
        return m;
    }

    MailPollReport poll() {
        return intake.poll(f.admin, "support");
    }

    /** A plain-text mail with a fixed Message-ID. */
    MimeMessage message(String messageId, String from, String subject, String text) throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, messageId);
        if (from != null) {
            m.setFrom(new InternetAddress(from));
        }
        m.setRecipients(MimeMessage.RecipientType.TO, SUPPORT);
        if (subject != null) {
            m.setSubject(subject, "UTF-8");
        }
        m.setText(text, "UTF-8");
        return m;
    }

    void deliver(MimeMessage m) throws MessagingException {
        m.saveChanges();
        inbox.deliver(m);
    }

    /** Delivers a mail exactly as written (headers in the given order, CRLF added), for headers and encodings the builder cannot make. */
    void deliverRaw(String... lines) throws MessagingException {
        String raw = String.join("\r\n", lines) + "\r\n";
        inbox.deliver(new MimeMessage(session, new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    int ticketCount() {
        return Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM oa_tk_ticket WHERE tenant_id = :t")
                .bind("t", TicketFixture.T).mapTo(Integer.class).one());
    }

    static Actor admin() {
        return Actor.admin(TicketFixture.T, "root");
    }
}
