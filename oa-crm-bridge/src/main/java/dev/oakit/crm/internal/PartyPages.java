package dev.oakit.crm.internal;

import dev.oakit.crm.CrmAccount;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.CrmParty;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.integration.spi.PageConsumer;
import dev.oakit.integration.spi.PulledPage;
import dev.oakit.integration.spi.RemoteRecord;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a pulled page of a CRM connector's accounts or contacts in the page's transaction: one read of the parties
 * of its CRM ids (none on the pull's first run), one of the keys of contacts OAKit created when some are not found by
 * id, one multi-row insert of the new parties, one batch of updates of the known ones (each only over an older
 * version), and their ID-map links with the page. The same outcome as {@link CrmCustomerService#apply} record by
 * record (which a webhook's record still takes).
 */
@Singleton
public final class PartyPages implements PageConsumer {
    private final CrmConnectors connectors;
    private final PartyRepository repo;

    @Inject
    public PartyPages(CrmConnectors connectors, PartyRepository repo) {
        this.connectors = connectors;
        this.repo = repo;
    }

    @Override
    public boolean consumes(String target, String entityType) {
        return (entityType.equals(CrmConnector.ACCOUNTS) || entityType.equals(CrmConnector.CONTACTS)) && connectors.get(target).isPresent();
    }

    @Override
    public void apply(PulledPage page) {
        String target = page.target();
        CrmParty.Kind kind = page.entityType().equals(CrmConnector.ACCOUNTS) ? CrmParty.Kind.ACCOUNT : CrmParty.Kind.CONTACT;
        List<CrmParty> read = new ArrayList<>();
        for (RemoteRecord r : page.records()) {
            read.add(kind == CrmParty.Kind.ACCOUNT ? CrmCustomerService.party(target, CrmRecords.read(r, CrmAccount.class))
                    : CrmCustomerService.party(target, CrmRecords.read(r, CrmContact.class)));
        }
        Map<String, CrmParty> known = page.firstSync() ? Map.of()
                : repo.byExternalIds(page.handle(), page.tenantId(), target, kind, read.stream().map(CrmParty::externalId).toList());
        List<String> keys = read.stream().filter(p -> !known.containsKey(p.externalId()) && p.key() != null).map(CrmParty::key).toList();
        Map<String, CrmParty> byKey = page.firstSync() || keys.isEmpty() ? Map.of() : repo.byKeys(page.handle(), page.tenantId(), target, keys);
        List<CrmParty> inserts = new ArrayList<>();
        List<CrmParty> updates = new ArrayList<>();
        for (CrmParty p : read) {
            CrmParty stored = known.get(p.externalId());
            if (stored == null && p.key() != null) {
                stored = byKey.get(p.key());
            }
            CrmParty next = stored == null ? CrmCustomerService.withLocalId(p, CrmCustomerService.newLocalId(kind), p.key())
                    : CrmCustomerService.withLocalId(p, stored.localId(), stored.key());
            (stored == null ? inserts : updates).add(next);
            page.link(CrmParty.entityType(kind), next.externalId(), next.localId());
        }
        repo.insertAll(page.handle(), page.tenantId(), inserts, page.now());
        int updated = repo.updateAll(page.handle(), page.tenantId(), updates, page.now());
        page.note(inserts.size() + " new and " + updated + " updated " + page.entityType() + (inserts.size() + updated == 1 ? "" : "s"));
    }
}
