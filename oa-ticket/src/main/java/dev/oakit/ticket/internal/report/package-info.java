/**
 * The report figures: {@link dev.oakit.ticket.internal.report.TicketMetrics} records them as commands write history,
 * {@link dev.oakit.ticket.internal.report.ReportEngine} aggregates them (reads only) for
 * {@link dev.oakit.ticket.report.TicketReports}.
 */
package dev.oakit.ticket.internal.report;
