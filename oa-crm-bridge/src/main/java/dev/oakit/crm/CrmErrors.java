package dev.oakit.crm;

import org.apiguardian.api.API;

/**
 * The error codes of oa-crm-bridge: the stable {@code OaException.code()} of each case; each code is
 * {@code OA-CRM/} followed by the constant's name.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CrmErrors {
    private CrmErrors() {
    }

    /** The bridge was given no connector, two with one id, or a name that is not one of them. */
    public static final String NO_TARGET = "OA-CRM/NO_TARGET";
    /** The CRM record under approval changed since the request was read; the decision was not written. */
    public static final String RECORD_CHANGED = "OA-CRM/RECORD_CHANGED";
    /** A webhook or feed record is not a request the deal approvals understand. */
    public static final String NOT_A_REQUEST = "OA-CRM/NOT_A_REQUEST";
    /** A write to the CRM (a deal decision, the upsert of a contact created in OAKit) is still under way; the bridge looks again. */
    public static final String UNDER_WAY = "OA-CRM/UNDER_WAY";
}
