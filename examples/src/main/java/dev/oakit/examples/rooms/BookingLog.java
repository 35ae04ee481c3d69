package dev.oakit.examples.rooms;

import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.EventListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process listener: keeps the booking events it saw after commit. */
public final class BookingLog implements EventListener {
    private final List<DomainEvent> seen = new CopyOnWriteArrayList<>();

    @Override
    public boolean accepts(String eventType) {
        return eventType.startsWith("rooms.");
    }

    @Override
    public void onEvent(DomainEvent event) {
        seen.add(event);
    }

    /** @return events seen so far */
    public List<DomainEvent> seen() {
        return List.copyOf(seen);
    }
}
