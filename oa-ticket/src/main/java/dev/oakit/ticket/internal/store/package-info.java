/**
 * The repositories: each owns every statement on its tables (tickets and tags, numbers, history, watchers, links,
 * time, ratings, queues and agents, the catalog, routing rules and SLA policies, report figures, mail, webhook
 * references) and the rows they map to; nothing else in the module writes those tables.
 */
package dev.oakit.ticket.internal.store;
