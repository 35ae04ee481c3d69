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

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CRM connector that passes everything to another one, except what a subclass changes in its case writes
 * ({@link #caseWrite}). Thread-safe when the delegate is.
 */
public abstract class ForwardingCrmConnector implements CrmConnector {
    private final CrmConnector delegate;

    protected ForwardingCrmConnector(CrmConnector delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the delegate's case-update operation as this connector offers it */
    protected abstract RemoteCreate<CaseUpdate> caseWrite(RemoteCreate<CaseUpdate> delegateOp);

    @Override
    public final String id() {
        return delegate.id();
    }

    @Override
    @SuppressWarnings("unchecked")
    public final List<RemoteCreate<?>> creates() {
        return delegate.creates().stream().<RemoteCreate<?>>map(op -> op.operation().equals(CASE_UPDATE) && op.payloadType() == CaseUpdate.class
                ? caseWrite((RemoteCreate<CaseUpdate>) op) : op).toList();
    }

    @Override
    public final List<ChangeFeed> feeds() {
        return delegate.feeds();
    }

    @Override
    public final String systemName() {
        return delegate.systemName();
    }

    @Override
    public final Optional<CrmCase> readCase(CallContext call, String caseId) throws RemoteCallException {
        return delegate.readCase(call, caseId);
    }

    @Override
    public final Optional<ApprovalRequest> readApprovalRequest(CallContext call, ApprovalRequest.Kind kind, String id) throws RemoteCallException {
        return delegate.readApprovalRequest(call, kind, id);
    }

    @Override
    public final Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException {
        return delegate.entity(call, entity);
    }

    /** A case write that passes to the delegate's unless {@link #create} is overridden. */
    protected static class ForwardingCaseWrite implements RemoteCreate<CaseUpdate> {
        private final RemoteCreate<CaseUpdate> op;

        protected ForwardingCaseWrite(RemoteCreate<CaseUpdate> op) {
            this.op = Objects.requireNonNull(op, "op");
        }

        @Override
        public final String operation() {
            return op.operation();
        }

        @Override
        public final Class<CaseUpdate> payloadType() {
            return op.payloadType();
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            return op.find(call, key);
        }

        @Override
        public String create(CallContext call, String key, CaseUpdate payload) throws RemoteCallException {
            return op.create(call, key, payload);
        }
    }
}
