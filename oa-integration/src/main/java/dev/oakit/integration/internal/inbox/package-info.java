/** The inbox's implementation: signature checks of each webhook scheme, and the delivery and entity-version tables. */
package dev.oakit.integration.internal.inbox;
