package dev.oakit.ticket;

import com.google.inject.AbstractModule;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.ticket.internal.ContactMailer;
import dev.oakit.ticket.internal.MailPollJob;
import dev.oakit.ticket.internal.MailPoller;
import dev.oakit.ticket.internal.MailPurgeJob;
import dev.oakit.ticket.internal.WebhookReceiver;
import dev.oakit.ticket.mail.MailIntake;
import dev.oakit.ticket.webhook.WebhookIntake;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Set;

/**
 * The ticket channels: e-mail in ({@link MailIntake}) and webhooks / IM in ({@link WebhookIntake}).
 * Install it next to {@link TicketPlugin}: {@code .plugin(new TicketPlugin()).plugin(new TicketChannelsPlugin())}.
 * Its configuration is {@link TicketChannelsConfig} in the {@code ticket-channels} namespace; a bad
 * value fails {@code build()} naming the field. Its tables ({@code oa_tk_mail},
 * {@code oa_tk_mail_cursor}, {@code oa_tk_webhook_ref}) come with the tickets plugin's migrations.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TicketChannelsPlugin implements OaPlugin {
    /** The plugin id and configuration namespace. */
    public static final String ID = "ticket-channels";
    /**
     * Mail to an external requester when an agent replies publicly (variables {@code number},
     * {@code title}, {@code by}, {@code body}); state changes use {@link TicketPlugin#STATUS_TEMPLATE}.
     */
    public static final String REPLY_TEMPLATE = TicketTemplates.REPLY;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> requires() {
        return Set.of("ticket");
    }

    @Override
    public void configure(OaPluginContext context) {
        TicketChannelsConfig config = context.config(TicketChannelsConfig.class);
        List<String> problems = config == null ? List.of() : config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        // optional dependencies of oa-ticket, so that hosts without ticket channels do not get them
        boolean mail = context.requireLibrary("org.eclipse.angus.mail.imap.IMAPStore", "org.eclipse.angus:angus-mail",
                "Jakarta Mail to read and send e-mail");
        boolean html = context.requireLibrary("org.jsoup.Jsoup", "org.jsoup:jsoup", "jsoup to turn HTML mail into text");
        if (!mail || !html) {
            return;
        }
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(MailIntake.class).to(MailPoller.class);
                bind(WebhookIntake.class).to(WebhookReceiver.class);
            }
        });
        context.exposeService(MailIntake.class);
        context.exposeService(WebhookIntake.class);
        context.jobHandler(MailPollJob.class);
        context.jobHandler(MailPurgeJob.class);
        context.eventListener(ContactMailer.class);
        context.jobHandler(ContactMailer.SendJob.class);
        context.extension(NotificationTemplate.class, NotificationTemplate.of(REPLY_TEMPLATE, "zh-CN", "工单 {{number}} 有新回复：{{title}}",
                "{{by}} 回复了您的工单 {{number}}「{{title}}」：\n\n{{body}}"));
        context.extension(NotificationTemplate.class, NotificationTemplate.of(REPLY_TEMPLATE, "en", "Ticket {{number}}: new reply ({{title}})",
                "{{by}} replied to your ticket {{number}} \"{{title}}\":\n\n{{body}}"));
    }

}
