/**
 * Business calendars: working windows per weekday in a time zone, holidays and make-up working
 * days (调休), and the working-time arithmetic every deadline and SLA is computed with.
 *
 * <p>Start with {@link dev.oakit.core.calendar.BusinessCalendar#builder(String)} or
 * {@link dev.oakit.core.calendar.BusinessCalendar#fromJson(String)}, keep several named calendars
 * in {@link dev.oakit.core.calendar.BusinessCalendars}, and see {@code docs/calendar.md} for the
 * definition format and the exact semantics of each operation. Every type here is immutable and
 * thread-safe except the builder.
 *
 * @since 0.1
 */
package dev.oakit.core.calendar;
