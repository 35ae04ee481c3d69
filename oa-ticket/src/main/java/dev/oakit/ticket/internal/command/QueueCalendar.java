package dev.oakit.ticket.internal.command;

import dev.oakit.core.calendar.BusinessCalendar;
import dev.oakit.core.calendar.BusinessCalendars;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.TicketConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The business calendar of a queue: its own, else {@code ticket.calendar}. Numbers, acceptance, time and the reports count in it. */
@Singleton
public final class QueueCalendar {
    private final BusinessCalendars calendars;
    private final TicketConfig config;

    @Inject
    public QueueCalendar(BusinessCalendars calendars, TicketConfig config) {
        this.calendars = calendars;
        this.config = config;
    }

    /** @param queue the queue, or null for the plugin's calendar */
    public BusinessCalendar of(Queue queue) {
        return calendars.get(queue != null && queue.calendar() != null ? queue.calendar() : config.calendar());
    }
}
