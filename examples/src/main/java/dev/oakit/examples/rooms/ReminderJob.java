package dev.oakit.examples.rooms;

import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Marks a booking as reminded; runs exactly once per booking thanks to the job's transaction. */
public final class ReminderJob implements JobHandler {
    static final String TYPE = "rooms.remind";
    private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(JobContext ctx) {
        long id = ctx.payload().path("bookingId").asLong();
        int n = ctx.handle().createUpdate("UPDATE oa_rooms_booking SET reminded = TRUE WHERE id = :id AND tenant_id = :t")
                .bind("id", id).bind("t", ctx.tenantId()).execute();
        LOG.info("reminded the owner of booking {} ({} row)", id, n);
    }
}
