package dev.oakit.fakes;

import org.apiguardian.api.API;

/**
 * One call a fake received, for tests that count or inspect calls.
 *
 * @param seq        order of arrival, from 1
 * @param httpMethod GET, POST, PUT, DELETE
 * @param path       the request path, decoded
 * @param target     the model (Odoo) or DocType (ERPNext) the call addressed; empty when none
 * @param action     what the call did: an Odoo method ({@code create}, {@code search_read}, {@code login}) or an
 *                   ERPNext operation ({@code insert}, {@code update}, {@code delete}, {@code get}, {@code list},
 *                   {@code login}, or a whitelisted method name)
 * @param status     the HTTP status answered; {@code -1} when the connection was dropped
 * @param failure    the failure injected into this call, or {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Call(long seq, String httpMethod, String path, String target, String action, int status, Failure failure) {
}
