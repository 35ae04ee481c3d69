package dev.oakit.core.testing;

import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test plugin that listens to every domain event (so that events are stored in the outbox,
 * which OAKit skips for event types nobody consumes) and keeps them.
 */
public final class EventRecorder implements OaPlugin, EventListener {
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "event-recorder";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.eventListener(this);
    }

    @Override
    public void onEvent(DomainEvent event) {
        events.add(event);
    }

    /** @return events delivered so far */
    public List<DomainEvent> events() {
        return List.copyOf(events);
    }
}
