/** The inbox: inbound webhooks verified on their raw body, and remote changes accepted once, in order. */
package dev.oakit.integration.inbox;
