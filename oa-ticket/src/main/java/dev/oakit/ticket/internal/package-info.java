/** The tickets implementation: commands, SQL, jobs. No compatibility promise. */
package dev.oakit.ticket.internal;
