/**
 * Tickets by e-mail: {@link dev.oakit.ticket.mail.MailIntake} polls IMAP mailboxes configured as
 * {@link dev.oakit.ticket.mail.MailboxConfig}. Install {@link dev.oakit.ticket.TicketChannelsPlugin}.
 */
package dev.oakit.ticket.mail;
