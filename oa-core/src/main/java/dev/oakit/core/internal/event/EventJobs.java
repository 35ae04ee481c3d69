package dev.oakit.core.internal.event;

import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.job.RetryPolicy;
import dev.oakit.core.spi.JobContext;
import dev.oakit.core.spi.JobHandler;

import java.util.List;

/**
 * The job handlers that deliver outbox events: one event to one listener, or to one relay, with
 * the stable delivery id {@code <event id>:<listener or relay id>}. Deliveries retry on the
 * delivery policy ({@link RetryPolicy#deliveries()}) unless the host configures otherwise.
 */
public final class EventJobs {
    private EventJobs() {
    }

    /** @return the handlers of the three delivery job types */
    public static List<JobHandler> all(Outbox outbox) {
        return List.of(listener(outbox), legacyListeners(outbox), relay(outbox));
    }

    private abstract static class Delivery implements JobHandler {
        private final String type;

        Delivery(String type) {
            this.type = type;
        }

        @Override
        public final String type() {
            return type;
        }

        @Override
        public final RetryPolicy retryPolicy() {
            return RetryPolicy.deliveries();
        }
    }

    /** Delivers one event to one in-process listener. */
    static JobHandler listener(Outbox outbox) {
        return new Delivery(Outbox.LISTENER_JOB) {
            @Override
            public void handle(JobContext ctx) throws Exception {
                Outbox.EventRef ref = ctx.payload(Outbox.EventRef.class);
                DomainEvent event = outbox.load(ctx.handle(), ctx.tenantId(), ref.eventId());
                outbox.listener(ref.listenerId()).onDelivery(ref.eventId() + ":" + ref.listenerId(), event);
            }
        };
    }

    /**
     * Turns a job for all listeners of an event (scheduled before each listener got its own) into
     * one job per listener that accepts the event now.
     */
    static JobHandler legacyListeners(Outbox outbox) {
        return new Delivery(Outbox.LEGACY_LISTENERS_JOB) {
            @Override
            public void handle(JobContext ctx) {
                Outbox.EventRef ref = ctx.payload(Outbox.EventRef.class);
                DomainEvent event = outbox.load(ctx.handle(), ctx.tenantId(), ref.eventId());
                outbox.scheduleListeners(ctx.handle(), ctx.tenantId(), ref.eventId(), outbox.listenersOf(event.type()), ctx.now());
            }
        };
    }

    /** Delivers one event through one relay. */
    static JobHandler relay(Outbox outbox) {
        return new Delivery(Outbox.RELAY_JOB) {
            @Override
            public void handle(JobContext ctx) throws Exception {
                Outbox.EventRef ref = ctx.payload(Outbox.EventRef.class);
                DomainEvent event = outbox.load(ctx.handle(), ctx.tenantId(), ref.eventId());
                outbox.relay(ref.relayId()).deliver(ref.eventId() + ":" + ref.relayId(), event);
            }
        };
    }
}
