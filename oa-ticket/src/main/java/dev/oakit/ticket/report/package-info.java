/**
 * Ticket reports: {@link dev.oakit.ticket.report.TicketReports} computes workload per
 * agent, distribution by category, created vs resolved per day or ISO week, SLA compliance,
 * median first response and resolution in working time, ratings and backlog age, all in SQL;
 * every report is a {@link dev.oakit.ticket.report.ReportTable} that
 * {@link dev.oakit.ticket.report.ReportCsv} writes as CSV.
 */
package dev.oakit.ticket.report;
