package dev.oakit.crm;

import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteEntity;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A connector that asks the real one (a node's view of the CRM in the two-node tests): a test overrides what its node
 * does otherwise, for instance a create it makes die with {@link #creates(String, UnaryOperator)}.
 */
public abstract class ForwardingCrmConnector implements CrmConnector {
    protected final CrmConnector real;

    protected ForwardingCrmConnector(CrmConnector real) {
        this.real = real;
    }

    /** @return the real connector's creates, the one of {@code operation} replaced by what {@code wrap} makes of it */
    protected final List<RemoteCreate<?>> creates(String operation, UnaryOperator<RemoteCreate<?>> wrap) {
        return real.creates().stream().<RemoteCreate<?>>map(c -> c.operation().equals(operation) ? wrap.apply(c) : c).toList();
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public String systemName() {
        return real.systemName();
    }

    @Override
    public List<ChangeFeed> feeds() {
        return real.feeds();
    }

    @Override
    public Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException {
        return real.entity(call, entity);
    }

    @Override
    public Optional<CrmCase> readCase(CallContext call, String caseId) throws RemoteCallException {
        return real.readCase(call, caseId);
    }

    @Override
    public Optional<ApprovalRequest> readApprovalRequest(CallContext call, ApprovalRequest.Kind kind, String id) throws RemoteCallException {
        return real.readApprovalRequest(call, kind, id);
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return real.creates();
    }
}
