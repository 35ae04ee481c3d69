package dev.oakit.core;

import org.apiguardian.api.API;

/**
 * A remote system (webhook receiver, mail server, ERP, CRM) failed. {@link #retryable()} tells
 * whether trying again later may succeed (timeouts, 5xx) or not (4xx, rejected input); durable
 * jobs retry the first kind and park the second as dead at once.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public class IntegrationException extends OaException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /**
     * @param code stable code, e.g. {@code OA-CORE/WEBHOOK}
     * @param message what failed, against which endpoint, and what to do
     * @param retryable whether a later attempt may succeed
     * @param cause underlying cause, may be null
     */
    public IntegrationException(String code, String message, boolean retryable, Throwable cause) {
        super(code, message, cause);
        this.retryable = retryable;
    }

    /** @return true when a later attempt may succeed */
    public boolean retryable() {
        return retryable;
    }
}
