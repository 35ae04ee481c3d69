/** Domain events, the transactional outbox and the webhook relay. */
package dev.oakit.core.event;
