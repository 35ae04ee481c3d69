package dev.oakit.ticket.sla;

import dev.oakit.core.calendar.BusinessCalendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** The calendar and policies of the SLA examples: Shanghai office hours 09–12 and 13–18 on weekdays. */
final class SlaFixture {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final BusinessCalendar CN = BusinessCalendar.builder("cn")
            .zone(SHANGHAI)
            .week(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-18:00")
            .build();

    /** NORMAL: 1 h / 2 h / 4 h; HIGH: 30 min / 1 h / 2 h; LOW: resolution 16 h only. */
    static SlaPolicy.Builder standard() {
        return SlaPolicy.builder("standard").calendar("cn")
                .targets("NORMAL", Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4))
                .targets("HIGH", Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2))
                .target("LOW", SlaTarget.RESOLUTION, Duration.ofHours(16))
                .pausingStates("pending")
                .warningShare(0.8)
                .reopen(ReopenRule.RESUME);
    }

    static final SlaPolicy STANDARD = standard()
            .escalation(EscalationStep.notify(SlaTarget.RESOLUTION, Duration.ofMinutes(-30)))
            .escalation(EscalationStep.raisePriority(SlaTarget.RESOLUTION, Duration.ZERO))
            .escalation(EscalationStep.reassignQueue(SlaTarget.RESOLUTION, Duration.ofHours(1), "second-line"))
            .build();
    static final SlaPolicy RESTARTING = standard().reopen(ReopenRule.RESTART).build().withName("restarting");
    /** Like {@link #STANDARD} but "waiting-for-vendor" pauses too, and NORMAL resolution is 8 h. */
    static final SlaPolicy VENDOR = standard().pausingStates("waiting-for-vendor")
            .target("NORMAL", SlaTarget.RESOLUTION, Duration.ofHours(8)).build().withName("vendor");

    static final SlaClock CLOCK = SlaClock.of(CN, STANDARD, RESTARTING, VENDOR);

    private SlaFixture() {
    }

    /** @return the instant of a local time in Shanghai, e.g. {@code at("2026-03-02 10:00")} (a Monday) */
    static Instant at(String local) {
        return LocalDateTime.parse(local.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
    }

    /** @return an instant on Monday 2026-03-02, e.g. {@code mon("10:00")} */
    static Instant mon(String time) {
        return at("2026-03-02 " + time);
    }
}
