package dev.oakit.workflow.internal.proxy;

import dev.oakit.core.directory.DirectoryEvents;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.EventListener;
import jakarta.inject.Inject;

/**
 * Hands over the tasks of a user the directory deactivated (by {@code deactivateUser} or an import
 * row with {@code active: false}), after that change committed, on oa-core's durable listener job:
 * see {@link OutOfOfficeService#handOverFromInactive}. A repeated delivery finds nothing left to
 * move; a user reactivated before the delivery keeps their tasks.
 */
public final class DeactivatedUserListener implements EventListener {
    private final OutOfOfficeService outOfOffice;

    @Inject
    private DeactivatedUserListener(OutOfOfficeService outOfOffice) {
        this.outOfOffice = outOfOffice;
    }

    @Override
    public String id() {
        return "wf.deactivated-user";
    }

    @Override
    public boolean accepts(String eventType) {
        return DirectoryEvents.USER_DEACTIVATED.equals(eventType);
    }

    @Override
    public void onEvent(DomainEvent event) {
        outOfOffice.handOverFromInactive(event.tenantId(), event.payload().path("userId").asText(),
                DirectoryEvents.deactivation(event));
    }
}
