package dev.oakit.integration.spi;

import dev.oakit.core.spi.JobHandler;
import org.apiguardian.api.API;

import java.util.Objects;

/**
 * A job handler that calls remote systems: its attempts run with no transaction and no pooled
 * connection ({@link JobHandler#runsInTransaction()} false), so it does its database work in short
 * commands of its own before and after the calls.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class RemoteCallingJob implements JobHandler {
    private final String type;

    /** @param type the job type, e.g. {@code erp.requisition}; unique among handlers */
    protected RemoteCallingJob(String type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public final String type() {
        return type;
    }

    /** @return false: the handler calls remote systems outside any transaction */
    @Override
    public final boolean runsInTransaction() {
        return false;
    }
}
