package dev.oakit.examples.rooms;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.notify.NotificationRequest;
import dev.oakit.core.notify.Notifications;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The rooms plugin's public service: book a room, list bookings. */
public final class Rooms {
    /** A booking. */
    public record Booking(long id, String room, String bookedBy, Instant startsAt, Instant endsAt, boolean reminded) {
    }

    private final Commands commands;
    private final RoomsConfig config;
    private final Notifications notifications;

    @Inject
    Rooms(Commands commands, RoomsConfig config, Notifications notifications) {
        this.commands = commands;
        this.config = config;
        this.notifications = notifications;
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /**
     * Books a room: one command writes the booking, its audit entry, a {@code rooms.booked}
     * event and the durable reminder job, or nothing at all.
     */
    public Booking book(Actor actor, String room, Instant start, Instant end) {
        Checks.notNull("actor", actor);
        Checks.id("room", room);
        Checks.notNull("start", start);
        Checks.notNull("end", end);
        if (!config.rooms().contains(room)) {
            throw ValidationException.of("room", "unknown room '" + room + "'; bookable rooms are " + config.rooms());
        }
        if (!end.isAfter(start)) {
            throw ValidationException.of("end", "must be after start " + start);
        }
        return commands.execute(CommandSpec.of(actor, "rooms.book"), Booking.class, ctx -> {
            boolean clash = ctx.handle().createQuery("""
                    SELECT COUNT(*) FROM oa_rooms_booking
                    WHERE tenant_id = :t AND room = :room AND starts_at < :end AND ends_at > :start""")
                    .bind("t", actor.tenantId()).bind("room", room).bind("start", utc(start)).bind("end", utc(end))
                    .mapTo(Integer.class).one() > 0;
            if (clash) {
                throw new ConflictException("ROOMS/TAKEN", "room '" + room + "' is already booked between "
                        + start + " and " + end + "; pick another room or time");
            }
            long id = ctx.handle().createUpdate("""
                    INSERT INTO oa_rooms_booking (tenant_id, room, booked_by, starts_at, ends_at, reminded)
                    VALUES (:t, :room, :by, :start, :end, FALSE)""")
                    .bind("t", actor.tenantId()).bind("room", room).bind("by", actor.userId())
                    .bind("start", utc(start)).bind("end", utc(end))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            ctx.target("booking", Long.toString(id));
            ctx.summary(actor.userId() + " booked " + room + " from " + start + " to " + end);
            ctx.publish("rooms.booked", "booking", Long.toString(id), Map.of("room", room, "by", actor.userId()));
            Instant remindAt = start.minus(config.remindBefore());
            ctx.schedule(JobRequest.of(ReminderJob.TYPE, Map.of("bookingId", id))
                    .at(remindAt.isBefore(ctx.now()) ? ctx.now() : remindAt).dedupe("rooms-remind-" + id));
            // a nested command: joins this transaction, so the notice exists only if the booking does
            notifications.send(actor, NotificationRequest.of("rooms.booked", List.of(actor.userId()),
                    Map.of("user", actor.userId(), "room", room, "start", start.toString())));
            return new Booking(id, room, actor.userId(), start, end, false);
        });
    }

    /** @return the tenant's bookings, in start order */
    public List<Booking> bookings(Actor actor) {
        Checks.notNull("actor", actor);
        return commands.query(h -> h.createQuery("SELECT * FROM oa_rooms_booking WHERE tenant_id = :t ORDER BY starts_at, id")
                .bind("t", actor.tenantId())
                .map((rs, c) -> new Booking(rs.getLong("id"), rs.getString("room"), rs.getString("booked_by"),
                        rs.getObject("starts_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        rs.getObject("ends_at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getBoolean("reminded")))
                .list());
    }
}
