package dev.oakit.ticket.dispatch;

import dev.oakit.ticket.spi.AgentCandidate;
import dev.oakit.ticket.spi.DispatchDecision;
import dev.oakit.ticket.spi.DispatchRequest;
import dev.oakit.ticket.spi.DispatchStrategy;

import java.util.List;

/** The vendor strategy of docs/ticket-dispatch.md, written against the SPI only. */
public final class DutyManagerStrategy implements DispatchStrategy {
    @Override
    public String name() {
        return "duty-manager";
    }

    @Override
    public DispatchDecision choose(DispatchRequest request, List<AgentCandidate> candidates) {
        return candidates.stream().filter(AgentCandidate::eligible).filter(c -> c.skills().contains("manager"))
                .findFirst()
                .map(c -> DispatchDecision.assign(name(), c.userId(), "duty-manager: " + c.userId() + " is the manager on duty"))
                .orElse(DispatchDecision.nobody(name(), "duty-manager: no manager on duty"));
    }
}
