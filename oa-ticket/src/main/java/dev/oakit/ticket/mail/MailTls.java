package dev.oakit.ticket.mail;

import org.apiguardian.api.API;

/**
 * How the IMAP connection is protected.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum MailTls {
    /** Implicit TLS ({@code imaps}, port 993 by default). */
    SSL,
    /** Plain connection upgraded with STARTTLS, which is required (port 143 by default). */
    STARTTLS,
    /** No encryption; for tests and local relays only (port 143 by default). */
    NONE
}
