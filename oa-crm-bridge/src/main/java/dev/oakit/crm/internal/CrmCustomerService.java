package dev.oakit.crm.internal;

import dev.oakit.core.Actor;
import dev.oakit.core.Checks;
import dev.oakit.core.ConflictException;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.ValidationException;
import dev.oakit.core.job.JobRequest;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.crm.CrmAccount;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.CrmCustomers;
import dev.oakit.crm.CrmParty;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.ticket.Requester;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link CrmCustomers}: local copies of the CRM's accounts and contacts, linked through the ID map. A contact OAKit
 * creates gets a key derived from its e-mail address, so two nodes creating the same contact at once make one
 * row (the key is unique) and one remote write (one per key), and the CRM one contact (an upsert by the key).
 */
@Singleton
public final class CrmCustomerService implements CrmCustomers {
    private final Commands commands;
    private final PartyRepository repo;
    private final CrmConnectors connectors;
    private final IdMap idMap;
    private final RemoteWrites writes;

    @Inject
    public CrmCustomerService(Commands commands, PartyRepository repo, CrmConnectors connectors, IdMap idMap, RemoteWrites writes) {
        this.commands = commands;
        this.repo = repo;
        this.connectors = connectors;
        this.idMap = idMap;
        this.writes = writes;
    }

    /** @return OAKit's key of the contact of an e-mail address at a target: stable, so every node derives the same one */
    static String contactKey(String tenant, String target, String email) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((tenant + "\n" + target + "\n" + email).getBytes(StandardCharsets.UTF_8));
            return "OA-C-" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    @Override
    public CrmParty contactFor(Actor actor, String target, String name, String email, String accountId) {
        requireTarget(target);
        Checks.text("name", name, 200);
        String mail = Checks.text("email", email, 254).trim().toLowerCase(Locale.ROOT);
        Checks.optionalText("accountId", accountId, 191);
        String t = actor.tenantId();
        CrmParty party = commands.query(h -> repo.contactByEmail(h, t, target, mail)).orElse(null);
        if (party == null) {
            String key = contactKey(t, target, mail);
            CrmParty fresh = new CrmParty("ct-" + UUID.randomUUID(), target, CrmParty.Kind.CONTACT, null, key, accountId,
                    Checks.text("name", name.trim(), 200), mail, null, 0);
            try {
                party = commands.execute(new CommandSpec(actor, "crm.contact.create", "crm-party", fresh.localId(), null), CrmParty.class, ctx -> {
                    repo.insert(ctx.handle(), ctx.tenantId(), fresh, ctx.now());
                    // the node may die before the CRM answers, or before it asks: the job follows the upsert through
                    ctx.schedule(JobRequest.of(ContactWatchJob.TYPE, Map.of("localId", fresh.localId())).at(ctx.now())
                            .dedupe(ContactWatchJob.TYPE + ":" + fresh.localId()));
                    ctx.summary("contact " + mail + " created for " + target + " with key " + key + "; upserted into the CRM by that key");
                    return fresh;
                });
            } catch (ConflictException e) {
                if (!CoreErrors.DUPLICATE.equals(e.code())) {
                    throw e;
                }
                party = commands.query(h -> repo.byKey(h, t, target, key)).orElseThrow(() -> e); // another node made it first
            }
        }
        return party.externalId() != null || party.key() == null ? party : upsert(t, party);
    }

    /** Asks for the upsert (one write per key: asking again returns the first) and records the CRM's id once confirmed. */
    private CrmParty upsert(String tenant, CrmParty p) {
        Actor system = Actor.system(tenant);
        String[] names = split(p.name());
        RemoteWrite w;
        try {
            w = writes.request(system, new NewRemoteWrite(p.target(), CrmConnector.CONTACT_UPSERT, p.key(), p.localId(),
                    CrmContact.toUpsert(p.key(), p.accountId(), names[0], names[1], p.email(), p.phone())));
        } catch (ConflictException e) {
            if (!CoreErrors.DUPLICATE.equals(e.code())) {
                throw e;
            }
            // asked at the same moment by the contact's watch job or another node: the first request is the write
            w = writes.byKey(system, p.target(), CrmConnector.CONTACT_UPSERT, p.key()).orElseThrow(() -> e);
        }
        return w.status() == WriteStatus.CONFIRMED && w.remoteId() != null ? confirmed(system, p, w.remoteId()) : p;
    }

    /**
     * Asks again for the upsert of a contact created in OAKit (the first request is returned) and records the CRM's id once
     * the write is confirmed. @return true when there is nothing more to wait for: the id recorded, the contact gone, or the
     * write failed for good (a dead letter an operator replays)
     */
    boolean settle(String tenant, String localId) {
        CrmParty p = commands.query(h -> repo.byLocalId(h, tenant, localId)).orElse(null);
        if (p == null || p.externalId() != null || p.key() == null) {
            return true;
        }
        CrmParty after = upsert(tenant, p);
        return after.externalId() != null || writes.byKey(Actor.system(tenant), p.target(), CrmConnector.CONTACT_UPSERT, p.key())
                .map(w -> w.status() == WriteStatus.FAILED).orElse(false);
    }

    private CrmParty confirmed(Actor system, CrmParty p, String externalId) {
        commands.execute(new CommandSpec(system, "crm.contact.confirm", "crm-party", p.localId(), null), Boolean.class, ctx -> {
            repo.confirm(ctx.handle(), ctx.tenantId(), p.localId(), externalId, ctx.now());
            ctx.summary("contact " + p.localId() + " is " + externalId + " at " + p.target());
            return true;
        });
        link(system, p.target(), CrmConnector.CONTACTS, externalId, p.localId());
        return new CrmParty(p.localId(), p.target(), p.kind(), externalId, p.key(), p.accountId(), p.name(), p.email(), p.phone(), p.version());
    }

    private static String[] split(String name) {
        int space = name.lastIndexOf(' ');
        return space > 0 ? new String[] {name.substring(0, space).trim(), name.substring(space + 1)} : new String[] {null, name};
    }

    @Override
    public Optional<CrmParty> party(Actor actor, String target, CrmParty.Kind kind, String externalId) {
        return commands.query(h -> repo.byExternal(h, actor.tenantId(), target, kind, externalId));
    }

    @Override
    public Optional<CrmParty> byLocalId(Actor actor, String localId) {
        return commands.query(h -> repo.byLocalId(h, actor.tenantId(), localId));
    }

    @Override
    public Requester requester(Actor actor, CrmParty contact) {
        String customer = contact.accountId() == null ? null
                : party(actor, contact.target(), CrmParty.Kind.ACCOUNT, contact.accountId()).map(CrmParty::localId).orElse(contact.accountId());
        return Requester.contact(contact.name(), contact.email(), customer);
    }

    /** Applies an account read from the CRM; older versions than the stored one change nothing. */
    void apply(String tenant, String target, CrmAccount a) {
        store(tenant, target, party(target, a));
    }

    /** @return the account as a party without OAKit's id yet */
    static CrmParty party(String target, CrmAccount a) {
        return new CrmParty(null, target, CrmParty.Kind.ACCOUNT, a.id(), null, null, a.name(), null, a.phone(), a.version());
    }

    /** Applies a contact read from the CRM: one OAKit created is found by its key and gets the CRM's id. */
    void apply(String tenant, String target, CrmContact c) {
        store(tenant, target, party(target, c));
    }

    /** @return the contact as a party without OAKit's id yet (the address in lower case) */
    static CrmParty party(String target, CrmContact c) {
        String name = c.firstName() == null ? c.lastName() : c.firstName() + " " + c.lastName();
        return new CrmParty(null, target, CrmParty.Kind.CONTACT, c.id(), c.key(), c.accountId(), name,
                c.email() == null ? null : c.email().toLowerCase(Locale.ROOT), c.phone(), c.version());
    }

    /** @return a new party's OAKit id */
    static String newLocalId(CrmParty.Kind kind) {
        return (kind == CrmParty.Kind.ACCOUNT ? "acc-" : "ct-") + UUID.randomUUID();
    }

    private void store(String tenant, String target, CrmParty read) {
        Actor system = Actor.system(tenant);
        CrmParty stored = commands.execute(new CommandSpec(system, "crm.party.sync", "crm-party", target + "/" + read.externalId(), null),
                CrmParty.class, ctx -> {
                    Optional<CrmParty> known = repo.byExternal(ctx.handle(), tenant, target, read.kind(), read.externalId());
                    if (known.isEmpty() && read.key() != null) {
                        known = repo.byKey(ctx.handle(), tenant, target, read.key());
                    }
                    CrmParty p;
                    if (known.isPresent()) {
                        p = withLocalId(read, known.get().localId(), known.get().key());
                        boolean changed = repo.update(ctx.handle(), tenant, p, ctx.now());
                        ctx.summary((changed ? "updated " : "kept (not newer) ") + read.kind() + " " + read.externalId() + " of " + target);
                    } else {
                        p = withLocalId(read, newLocalId(read.kind()), read.key());
                        repo.insert(ctx.handle(), tenant, p, ctx.now());
                        ctx.summary("new " + read.kind() + " " + read.externalId() + " of " + target);
                    }
                    return p;
                });
        link(system, target, CrmParty.entityType(read.kind()), read.externalId(), stored.localId());
    }

    static CrmParty withLocalId(CrmParty p, String localId, String key) {
        return new CrmParty(localId, p.target(), p.kind(), p.externalId(), key, p.accountId(), p.name(), p.email(), p.phone(), p.version());
    }

    private void link(Actor system, String target, String entityType, String externalId, String localId) {
        ExternalRef ref = ExternalRef.of(target, entityType, externalId);
        if (idMap.localId(system, ref).isEmpty()) {
            idMap.link(system, ref, localId);
        }
    }

    private void requireTarget(String target) {
        if (connectors.get(target).isEmpty()) {
            throw ValidationException.of("target", "'" + target + "' is no CRM connector of the bridge; give one of "
                    + connectors.all().stream().map(CrmConnector::id).toList());
        }
    }
}
