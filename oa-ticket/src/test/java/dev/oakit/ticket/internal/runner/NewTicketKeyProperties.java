package dev.oakit.ticket.internal.runner;

import dev.oakit.core.job.JobRequest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new ticket's jobs skip the look-up of their keys only when the key names that ticket by its id segment: an SLA
 * firing of another ticket, whose instant holds colons and digits ({@code tk.sla:7:RESOLUTION@2026-01-01T11:10:00Z}),
 * never passes for ticket 10, nor does another family's key whose second segment is the ticket's id.
 */
class NewTicketKeyProperties {
    private static JobRequest keyed(String key) {
        return JobRequest.of("tk.test", Map.of()).dedupe(key);
    }

    @Property
    void aKeyNamesTheTicketOfItsIdSegmentOnly(@ForAll @LongRange(min = 1, max = 100_000) long ticket,
                                             @ForAll @LongRange(min = 1, max = 100_000) long other,
                                             @ForAll @LongRange(min = 0, max = 4_000_000_000L) long seconds) {
        String instant = Instant.ofEpochSecond(seconds).toString();
        assertThat(BatchedJobs.keyedBy(ticket, keyed("tk.overdue:" + ticket))).isTrue();
        assertThat(BatchedJobs.keyedBy(ticket, keyed("tk.sla:" + ticket + ":FIRST_RESPONSE@" + instant))).isTrue();
        if (other != ticket) {
            assertThat(BatchedJobs.keyedBy(ticket, keyed("tk.overdue:" + other))).isFalse();
            assertThat(BatchedJobs.keyedBy(ticket, keyed("tk.sla:" + other + ":RESOLUTION@" + instant))).isFalse();
            assertThat(BatchedJobs.keyedBy(ticket, keyed("tk.sla:" + other + ":" + ticket + ":" + instant))).isFalse();
        }
        assertThat(BatchedJobs.keyedBy(ticket, JobRequest.of("tk.test", Map.of()))).isFalse();
    }

    @Property
    void anotherFamilysKeyNeverNamesTheTicket(@ForAll @LongRange(min = 1, max = 100_000) long ticket) {
        for (String family : new String[]{"tk.mail.send", "tk.mail.poll", "host.remind", "tk", "tk.overdue.x", "tk.sl"}) {
            assertThat(BatchedJobs.keyedBy(ticket, keyed(family + ":" + ticket))).as(family).isFalse();
            assertThat(BatchedJobs.keyedBy(ticket, keyed(family + ":" + ticket + ":RESOLUTION@2026-01-01T11:10:00Z"))).as(family).isFalse();
        }
        assertThat(BatchedJobs.keyedBy(ticket, keyed("tk.accept:" + ticket))).isTrue();
    }

    @Property(tries = 1)
    void anSlaInstantWithTheIdInItDoesNotMatch() {
        assertThat(BatchedJobs.keyedBy(10, keyed("tk.sla:7:RESOLUTION@2026-01-01T11:10:00Z"))).isFalse();
        assertThat(BatchedJobs.keyedBy(10, keyed("tk.sla:7:10:00Z"))).isFalse();
    }
}
