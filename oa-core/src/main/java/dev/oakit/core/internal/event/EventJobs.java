package dev.oakit.core.internal.event;

import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;

/** The job handlers that deliver outbox events to listeners and relays. */
public final class EventJobs {
    private EventJobs() {
    }

    /** Runs every accepting in-process listener for one event. */
    public static JobHandler listeners(Outbox outbox) {
        return new JobHandler() {
            @Override
            public String type() {
                return Outbox.LISTENERS_JOB;
            }

            @Override
            public void handle(JobContext ctx) throws Exception {
                DomainEvent event = outbox.load(ctx.handle(), ctx.tenantId(), ctx.payload(Outbox.EventRef.class).eventId());
                for (EventListener l : outbox.listeners()) {
                    if (l.accepts(event.type())) {
                        l.onEvent(event);
                    }
                }
            }
        };
    }

    /** Delivers one event through one relay with the stable delivery id {@code <event id>:<relay id>}. */
    public static JobHandler relay(Outbox outbox) {
        return new JobHandler() {
            @Override
            public String type() {
                return Outbox.RELAY_JOB;
            }

            @Override
            public void handle(JobContext ctx) throws Exception {
                Outbox.EventRef ref = ctx.payload(Outbox.EventRef.class);
                DomainEvent event = outbox.load(ctx.handle(), ctx.tenantId(), ref.eventId());
                outbox.relay(ref.relayId()).deliver(ref.eventId() + ":" + ref.relayId(), event);
            }
        };
    }
}
