package dev.oakit.crm.internal;

import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;

import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;

/**
 * A CRM connector as the bridge installs it: the same operations and feeds, except that a case write that carries the
 * case's state (a status or a resolution) carries the state of the ticket as it stands when the write is sent, not when
 * it was requested, and, once the CRM took it, is sent again while the ticket changed meanwhile. The writes of one case
 * run as independent jobs, on any worker of any node, so they may reach the CRM in any order; this way whichever lands
 * last brings the case to the ticket's current state. A public reply is sent as it was requested, once. Thread-safe.
 */
public final class CaseStateConnector extends ForwardingCrmConnector {
    /** Sends after the CRM took a write, while the ticket keeps changing under it; beyond, the next event's write follows. */
    static final int MAX_CATCH_UP = 5;

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
        super(delegate);
        this.late = Objects.requireNonNull(late, "late");
    }

    @Override
    protected RemoteCreate<CaseUpdate> caseWrite(RemoteCreate<CaseUpdate> delegateOp) {
        return new StateWrite(delegateOp);
    }

    private final class StateWrite extends ForwardingCaseWrite {
        StateWrite(RemoteCreate<CaseUpdate> op) {
            super(op);
        }

        @Override
        public String create(CallContext call, String key, CaseUpdate u) throws RemoteCallException {
            boolean resolution = u.resolution() != null;
            if (u.status() == null && !resolution) {
                return super.create(call, key, u); // a reply alone: no state to bring up to date
            }
            CaseStates states = late.get();
            Optional<Long> ticket = states.ticketOf(call.tenantId(), id(), u.caseId());
            if (ticket.isEmpty()) {
                return super.create(call, key, u);
            }
            long ticketId = ticket.get(); // a case's ticket never changes: the catch-up reads the ticket only
            CaseStates.State sent = states.of(call.tenantId(), ticketId);
            CaseUpdate first = update(u.caseId(), sent, u.publicReply(), resolution);
            String remoteId = first == null ? u.caseId() : super.create(call, key, first);
            // a write of this case that read the ticket later may have landed before this one: catch up with the ticket
            for (int i = 0; i < MAX_CATCH_UP; i++) {
                CaseStates.State after = states.of(call.tenantId(), ticketId);
                if (same(after, sent, resolution)) {
                    break;
                }
                sent = after;
                CaseUpdate again = update(u.caseId(), after, null, resolution);
                if (again != null) {
                    super.create(call, key, again);
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
