package dev.oakit.ticket.channel;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketChannelsPlugin;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketPlugin;
import dev.oakit.ticket.mail.MailIntake.MailOutcome;
import dev.oakit.ticket.mail.MailPollReport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The From header of a mail is no proof of who sent it. A mail only speaks for an internal user
 * when the mailbox trusts the verdict of the host's own mail server (the topmost
 * Authentication-Results header of the configured authserv-id), and even then the user needs the
 * rights the reply command asks for.
 */
class MailSenderTrustTest {
    private static final String MTA = "mx.acme.test";

    private static MailDesk desk(TestDatabase db, boolean trust) {
        MailDesk d = new MailDesk(db, box -> {
            if (trust) {
                box.put("senderAuth", Map.of("authServId", MTA, "domains", List.of("acme.test")));
            }
        }, b -> { });
        for (String u : List.of("root", "carol", "frank")) {
            d.f.directory.updateUser(d.f.admin, d.f.directory.user(d.f.admin, u).withEmail(u + "@acme.test"));
        }
        return d;
    }

    private static Ticket customerTicket(MailDesk d) throws Exception {
        d.deliver(d.message("<c1@customer.test>", "Zhang <zhang@customer.test>", "Refund", "Where is my refund?"));
        return d.f.ticket(d.poll().messages().get(0).ticketId());
    }

    /** A raw reply to the ticket, with the given Authentication-Results headers on top (topmost first). */
    private static void reply(MailDesk d, String id, String from, Ticket t, String text, String... authResults) throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        for (String ar : authResults) {
            lines.add("Authentication-Results: " + ar);
        }
        lines.addAll(List.of("Received: from outside by " + MTA, "Message-ID: " + id, "From: " + from, "To: " + MailDesk.SUPPORT,
                "Subject: Re: [" + t.number() + "] Refund", "Content-Type: text/plain; charset=UTF-8", "", text));
        d.deliverRaw(lines.toArray(String[]::new));
    }

    private static List<TicketEvent> timeline(MailDesk d, Ticket t, TicketEventKind kind) {
        return d.f.queries.detail(d.f.admin, t.id()).timeline().stream().filter(e -> e.kind() == kind).toList();
    }

    @DbTest
    void byDefaultAMailFromAnAdministratorsOrAgentsAddressIsNoAgentReplyAndOpensNoTicketInAUsersName(TestDatabase db) throws Exception {
        MailDesk d = desk(db, false);
        Ticket t = customerTicket(d);
        // a forged mail "from" the administrator, even with a verdict header: nothing is trusted by default
        reply(d, "<spoof1@evil.test>", "Root <root@acme.test>", t, "Refund approved. Reply with your card number.",
                MTA + "; dkim=pass header.d=acme.test; spf=pass smtp.mailfrom=root@acme.test");
        reply(d, "<spoof2@evil.test>", "carol@acme.test", t, "Please pay the fee first.");
        d.deliver(d.message("<spoof3@evil.test>", "gina@acme.test", "Laptop for me", "Please order a new laptop for gina"));

        MailPollReport r = d.poll();

        assertThat(r.messages()).extracting(MailPollReport.Message::outcome)
                .containsExactly(MailOutcome.NOTED, MailOutcome.NOTED, MailOutcome.CREATED);
        assertThat(timeline(d, t, TicketEventKind.AGENT_REPLY)).isEmpty();
        assertThat(timeline(d, t, TicketEventKind.INTERNAL_NOTE)).extracting(TicketEvent::body)
                .anySatisfy(b -> assertThat(b).contains("root@acme.test").contains("card number"))
                .anySatisfy(b -> assertThat(b).contains("carol@acme.test").contains("fee"));
        // gina's address alone does not make gina the requester: the ticket belongs to an external contact
        Ticket opened = d.f.ticket(r.messages().get(2).ticketId());
        assertThat(opened.requester()).isEqualTo(Requester.contact(null, "gina@acme.test", null));
    }

    @DbTest
    void aVerifiedSenderActsAsTheUserWithTheRightsOfTheReplyCommand(TestDatabase db) throws Exception {
        MailDesk d = desk(db, true);
        Ticket t = customerTicket(d);
        String pass = MTA + "; dkim=pass (good signature) header.d=acme.test header.s=s1; spf=pass smtp.mailfrom=carol@acme.test";
        reply(d, "<v1@acme.test>", "Carol <carol@acme.test>", t, "A refund of 20 EUR is on its way.", pass);
        // frank is an internal user and verified, but neither requester nor agent of this ticket
        reply(d, "<v2@acme.test>", "frank@acme.test", t, "Close this please", MTA + "; dkim=pass header.d=acme.test");
        d.deliverRaw("Authentication-Results: " + MTA + "; dkim=pass header.d=acme.test", "Message-ID: <v3@acme.test>",
                "From: Gina <gina@acme.test>", "Subject: Laptop", "", "My laptop is broken");

        MailPollReport r = d.poll();

        assertThat(r.messages()).extracting(MailPollReport.Message::outcome)
                .containsExactly(MailOutcome.REPLIED, MailOutcome.NOTED, MailOutcome.CREATED);
        assertThat(timeline(d, t, TicketEventKind.AGENT_REPLY)).singleElement().satisfies(e -> {
            assertThat(e.actorId()).isEqualTo("carol");
            assertThat(e.body()).isEqualTo("A refund of 20 EUR is on its way.");
        });
        assertThat(timeline(d, t, TicketEventKind.INTERNAL_NOTE)).singleElement()
                .satisfies(e -> assertThat(e.body()).contains("frank").contains("Close this please"));
        assertThat(d.f.ticket(r.messages().get(2).ticketId()).requester()).isEqualTo(Requester.user("gina"));
        assertThat(d.f.queries.detail(user("gina"), r.messages().get(2).ticketId()).ticket().title()).isEqualTo("Laptop");
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void onlyThePassingVerdictOfTheConfiguredServerInTheTopmostHeaderForTheFromDomainCounts(TestDatabase db) throws Exception {
        MailDesk d = desk(db, true);
        Ticket t = customerTicket(d);
        // our server says nothing passed; the sender added a passing header of our server further down
        reply(d, "<f1@evil.test>", "carol@acme.test", t, "forged 1", MTA + "; dkim=none; spf=softfail smtp.mailfrom=carol@acme.test",
                MTA + "; dkim=pass header.d=acme.test");
        // the topmost header comes from another server
        reply(d, "<f2@evil.test>", "carol@acme.test", t, "forged 2", "relay.evil.test; dkim=pass header.d=acme.test",
                MTA + "; dkim=pass header.d=acme.test");
        // a passing signature of another domain
        reply(d, "<f3@evil.test>", "carol@acme.test", t, "forged 3", MTA + "; dkim=pass header.d=evil.test");
        // SPF alone while DKIM is required (the default)
        reply(d, "<f4@evil.test>", "carol@acme.test", t, "forged 4", MTA + "; dkim=fail header.d=acme.test; spf=pass smtp.mailfrom=carol@acme.test");
        // a domain that is not internal, even with a good signature
        d.f.directory.updateUser(d.f.admin, d.f.directory.user(d.f.admin, "dave").withEmail("dave@partner.test"));
        reply(d, "<f5@partner.test>", "dave@partner.test", t, "forged 5", MTA + "; dkim=pass header.d=partner.test");
        // the authserv-id hidden in a comment or as a prefix of another id
        reply(d, "<f6@evil.test>", "carol@acme.test", t, "forged 6", "(" + MTA + ") evil.test; dkim=pass header.d=acme.test");
        reply(d, "<f7@evil.test>", "carol@acme.test", t, "forged 7", MTA + ".evil.test; dkim=pass header.d=acme.test");
        // two senders in From
        reply(d, "<f8@evil.test>", "carol@acme.test, mallory@evil.test", t, "forged 8", MTA + "; dkim=pass header.d=acme.test");

        assertThat(d.poll().messages()).extracting(MailPollReport.Message::outcome).containsOnly(MailOutcome.NOTED).hasSize(8);
        assertThat(timeline(d, t, TicketEventKind.AGENT_REPLY)).isEmpty();
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void spfAloneCountsWhenTheMailboxSaysSo(TestDatabase db) throws Exception {
        MailDesk d = new MailDesk(db, box -> box.put("senderAuth", Map.of("authServId", MTA, "domains", List.of("acme.test"),
                "require", "DKIM_OR_SPF")), b -> { });
        d.f.directory.updateUser(d.f.admin, d.f.directory.user(d.f.admin, "carol").withEmail("carol@acme.test"));
        Ticket t = customerTicket(d);
        reply(d, "<s1@acme.test>", "carol@acme.test", t, "on it", MTA + "; spf=pass smtp.mailfrom=carol@acme.test");
        // SPF for another domain than From's does not vouch for the From address
        reply(d, "<s2@acme.test>", "carol@acme.test", t, "forged", MTA + "; spf=pass smtp.mailfrom=bounce@evil.test");

        assertThat(d.poll().messages()).extracting(MailPollReport.Message::outcome).containsExactly(MailOutcome.REPLIED, MailOutcome.NOTED);
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void aBadSenderAuthSettingFailsTheBuildNamingTheField(TestDatabase db) {
        Map<String, Object> box = new HashMap<>(Map.of("name", "support", "tenant", "acme", "host", "imap.acme.test", "user", "u",
                "password", "p", "type", "it", "senderAuth", Map.of("domains", List.of(), "require", "DKIM")));
        assertThatThrownBy(() -> db.builder().plugin(new TicketPlugin()).plugin(new TicketChannelsPlugin())
                .config(TicketChannelsPlugin.ID, Map.of("mailboxes", List.of(box))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ticket-channels.mailboxes[0].senderAuth.authServId is required")
                .hasMessageContaining("ticket-channels.mailboxes[0].senderAuth.domains must name at least one internal mail domain");
    }
}
