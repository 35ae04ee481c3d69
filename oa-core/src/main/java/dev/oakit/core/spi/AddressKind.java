package dev.oakit.core.spi;

import org.apiguardian.api.API;

/**
 * The kind of address a {@link NotificationChannel} delivers to.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AddressKind {
    /** The user id itself (logging, in-app inbox); nothing to resolve. */
    USER_ID,
    /** An email address, from the {@link RecipientResolver}. */
    EMAIL,
    /** A mobile phone number, from the {@link RecipientResolver}. */
    MOBILE,
    /** The channel's own group (a chat robot); one delivery per notification, no per-user address. */
    GROUP
}
