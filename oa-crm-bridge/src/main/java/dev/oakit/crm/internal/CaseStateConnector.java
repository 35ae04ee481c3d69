package dev.oakit.crm.internal;

import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteEntity;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CRM connector as the bridge installs it: the same operations and feeds, except that a case write that carries the
 * case's state (a status or a resolution) carries the state of the ticket as it stands when the write is sent, not when
 * it was requested, and, once the CRM took it, is sent again while the ticket changed meanwhile. The writes of one case
 * run as independent jobs, on any worker of any node, so they may reach the CRM in any order; this way whichever lands
 * last brings the case to the ticket's current state. A public reply is sent as it was requested, once. Thread-safe.
 */
public final class CaseStateConnector implements CrmConnector {
    /** Sends after the CRM took a write, while the ticket keeps changing under it; beyond, the next event's write follows. */
    static final int MAX_CATCH_UP = 5;

    private final CrmConnector delegate;
    private final Late late;

    /** The ticket side, given by the injector once it exists (the connector is contributed before). */
    public static final class Late {
        private volatile CaseStates states;

        @Inject
        void set(CaseStates states) {
            this.states = states;
        }

        CaseStates get() {
            CaseStates s = states;
            if (s == null) {
                throw new IllegalStateException("the CRM bridge is not started: a case write was sent before OAKit was built");
            }
            return s;
        }
    }

    public CaseStateConnector(CrmConnector delegate, Late late) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.late = Objects.requireNonNull(late, "late");
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<RemoteCreate<?>> creates() {
        return delegate.creates().stream().<RemoteCreate<?>>map(op -> op.operation().equals(CASE_UPDATE) && op.payloadType() == CaseUpdate.class
                ? new StateWrite((RemoteCreate<CaseUpdate>) op) : op).toList();
    }

    @Override
    public List<ChangeFeed> feeds() {
        return delegate.feeds();
    }

    @Override
    public String systemName() {
        return delegate.systemName();
    }

    @Override
    public Optional<CrmCase> readCase(CallContext call, String caseId) throws RemoteCallException {
        return delegate.readCase(call, caseId);
    }

    @Override
    public Optional<ApprovalRequest> readApprovalRequest(CallContext call, ApprovalRequest.Kind kind, String id) throws RemoteCallException {
        return delegate.readApprovalRequest(call, kind, id);
    }

    @Override
    public Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException {
        return delegate.entity(call, entity);
    }

    private final class StateWrite implements RemoteCreate<CaseUpdate> {
        private final RemoteCreate<CaseUpdate> op;

        StateWrite(RemoteCreate<CaseUpdate> op) {
            this.op = op;
        }

        @Override
        public String operation() {
            return op.operation();
        }

        @Override
        public Class<CaseUpdate> payloadType() {
            return op.payloadType();
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            return op.find(call, key);
        }

        @Override
        public String create(CallContext call, String key, CaseUpdate u) throws RemoteCallException {
            boolean resolution = u.resolution() != null;
            if (u.status() == null && !resolution) {
                return op.create(call, key, u); // a reply alone: no state to bring up to date
            }
            CaseStates states = late.get();
            Optional<CaseStates.State> now = states.current(call.tenantId(), id(), u.caseId());
            if (now.isEmpty()) {
                return op.create(call, key, u);
            }
            CaseStates.State sent = now.get();
            CaseUpdate first = update(u.caseId(), sent, u.publicReply(), resolution);
            String remoteId = first == null ? u.caseId() : op.create(call, key, first);
            // a write of this case that read the ticket later may have landed before this one: catch up with the ticket
            for (int i = 0; i < MAX_CATCH_UP; i++) {
                CaseStates.State after = states.current(call.tenantId(), id(), u.caseId()).orElse(sent);
                if (same(after, sent, resolution)) {
                    break;
                }
                sent = after;
                CaseUpdate again = update(u.caseId(), after, null, resolution);
                if (again != null) {
                    op.create(call, key, again);
                }
            }
            return remoteId;
        }

        private static boolean same(CaseStates.State a, CaseStates.State b, boolean resolution) {
            return Objects.equals(a.status(), b.status()) && (!resolution || Objects.equals(a.resolution(), b.resolution()));
        }

        /** @return the update that says the state (the resolution only where the write carried one), or null when it says nothing */
        private static CaseUpdate update(String caseId, CaseStates.State s, String reply, boolean resolution) {
            String text = resolution ? s.resolution() : null;
            return s.status() == null && reply == null && text == null ? null : new CaseUpdate(caseId, s.status(), reply, text);
        }
    }
}
