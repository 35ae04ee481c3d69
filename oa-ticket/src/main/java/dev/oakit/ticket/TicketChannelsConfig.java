package dev.oakit.ticket;

import dev.oakit.ticket.mail.MailConfig;
import dev.oakit.ticket.mail.MailboxConfig;
import dev.oakit.ticket.webhook.WebhookSource;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of the ticket channels, from the {@code ticket-channels} namespace.
 *
 * @param mailboxes IMAP mailboxes read for tickets; null for none
 * @param webhooks webhook / IM sources; null for none
 * @param mail settings for all mail of the channels (STARTTLS, retention of stored mail); null for the defaults
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketChannelsConfig(List<MailboxConfig> mailboxes, List<WebhookSource> webhooks, MailConfig mail) {
    /** Copies the lists and fills defaults. */
    public TicketChannelsConfig {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        mail = mail == null ? MailConfig.defaults() : mail;
    }

    /** Mailboxes and webhooks with the default mail settings. */
    public TicketChannelsConfig(List<MailboxConfig> mailboxes, List<WebhookSource> webhooks) {
        this(mailboxes, webhooks, null);
    }

    /** @return every problem, each naming its field ({@code ticket-channels.mailboxes[0].host is required}) */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < mailboxes.size(); i++) {
            String path = TicketChannelsPlugin.ID + ".mailboxes[" + i + "]";
            p.addAll(mailboxes.get(i).problems(path));
            if (!names.add("m:" + mailboxes.get(i).name())) {
                p.add(path + ".name '" + mailboxes.get(i).name() + "' is used twice; give each mailbox its own name");
            }
        }
        for (int i = 0; i < webhooks.size(); i++) {
            String path = TicketChannelsPlugin.ID + ".webhooks[" + i + "]";
            p.addAll(webhooks.get(i).problems(path));
            if (!names.add("w:" + webhooks.get(i).name())) {
                p.add(path + ".name '" + webhooks.get(i).name() + "' is used twice; give each source its own name");
            }
        }
        p.addAll(mail.problems(TicketChannelsPlugin.ID + ".mail"));
        return p;
    }
}
