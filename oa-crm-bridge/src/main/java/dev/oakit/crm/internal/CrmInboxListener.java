package dev.oakit.crm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.spi.EventListener;
import dev.oakit.crm.CaseComment;
import dev.oakit.crm.CrmAccount;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.integration.spi.RemoteRecord;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Applies what the inbox accepted from a CRM connector's account, contact, case and case-comment feeds (by pull or webhook), and
 * hands approval requests to the deal flow; the bridge's one listener of the inbox, so a record costs one delivery: each
 * accepted change once, never an older version after a newer one (the inbox decides), and a repeated delivery of the
 * event changes nothing (the stores compare versions).
 */
@Singleton
public final class CrmInboxListener implements EventListener {
    private final CrmConnectors connectors;
    private final CrmCustomerService customers;
    private final CaseTicketService cases;
    private final DealListener deals;

    @Inject
    public CrmInboxListener(CrmConnectors connectors, CrmCustomerService customers, CaseTicketService cases, DealListener deals) {
        this.connectors = connectors;
        this.customers = customers;
        this.cases = cases;
        this.deals = deals;
    }

    @Override
    public String id() {
        return "crm.inbox";
    }

    @Override
    public boolean accepts(String eventType) {
        return eventType.equals("integration.inbox.accepted");
    }

    @Override
    public void onEvent(DomainEvent event) {
        JsonNode p = event.payload();
        String target = p.path("system").asText();
        String entityType = p.path("entityType").asText();
        if (entityType.equals(CrmConnector.DISCOUNT_REQUESTS) || entityType.equals(CrmConnector.CONTRACT_REQUESTS)) {
            deals.requestChanged(event); // read again by the deal flow: the event needs no payload
            return;
        }
        if (connectors.get(target).isEmpty() || !p.path("payload").isTextual()) {
            return;
        }
        RemoteRecord r = new RemoteRecord(entityType, p.path("entityId").asText(), p.path("remoteVersion").asLong(), null,
                p.path("payload").asText());
        switch (entityType) {
            case CrmConnector.ACCOUNTS -> customers.apply(event.tenantId(), target, CrmRecords.read(r, CrmAccount.class));
            case CrmConnector.CONTACTS -> customers.apply(event.tenantId(), target, CrmRecords.read(r, CrmContact.class));
            case CrmConnector.CASES -> cases.apply(event.tenantId(), target, CrmRecords.read(r, CrmCase.class));
            case CrmConnector.CASE_COMMENTS -> cases.comment(event.tenantId(), target, CrmRecords.read(r, CaseComment.class));
            default -> {
                // a feed the bridge does not apply
            }
        }
    }
}
