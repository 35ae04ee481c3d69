package dev.oakit.core;

import org.apiguardian.api.API;

/**
 * The error codes of oa-core: the stable {@link OaException#code()} of each case, one line on what
 * it means. A host compares {@code e.code()} with these constants (they work in a {@code switch});
 * each code is {@code OA-CORE/} followed by the constant's name. Every feature module has its own
 * such class (oa-workflow: {@code WorkflowErrors}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CoreErrors {
    private CoreErrors() {
    }

    // ---- the generic codes of the exception types

    /** Input breaks a rule; the {@link ValidationException} lists every problem with its path. */
    public static final String VALIDATION = "OA-CORE/VALIDATION";
    /** Something with this id does not exist in the actor's tenant (another tenant's looks the same). */
    public static final String NOT_FOUND = "OA-CORE/NOT_FOUND";
    /** The actor may not do this; the message names who may. */
    public static final String FORBIDDEN = "OA-CORE/FORBIDDEN";
    /** The command kept colliding with concurrent commands on the same rows; nothing changed, try again. */
    public static final String CONFLICT = "OA-CORE/CONFLICT";
    /** OAKit's configuration has problems; {@link ConfigurationException#problems()} lists all of them. */
    public static final String CONFIGURATION = "OA-CORE/CONFIGURATION";

    // ---- the lifecycle

    /** A service was used before {@code OaKit.start()}; start OAKit first (the Guice door: get {@code OaKit} and start it). */
    public static final String NOT_STARTED = "OA-CORE/NOT_STARTED";
    /** A service was used after {@code OaKit.close()}; use a running OAKit (a closed one may be started again). */
    public static final String CLOSED = "OA-CORE/CLOSED";

    // ---- commands and the database

    /** A record with the same key already exists (a unique index refused the write). */
    public static final String DUPLICATE = "OA-CORE/DUPLICATE";
    /** A request id was used again for another action, by another actor or on another target. */
    public static final String REQUEST_ID_REUSED = "OA-CORE/REQUEST_ID_REUSED";
    /** A database operation failed (not a duplicate key); {@code retryable()} says whether it was transient. */
    public static final String DATABASE = "OA-CORE/DATABASE";
    /** {@code OaKit.service} was asked for a type that is not an OAKit service of the installed plugins. */
    public static final String NO_SUCH_SERVICE = "OA-CORE/NO_SUCH_SERVICE";

    // ---- jobs and events

    /** No job with this id in the tenant. */
    public static final String JOB_NOT_FOUND = "OA-CORE/JOB_NOT_FOUND";
    /**
     * A job scheduled as new ({@code CommandContext.scheduleNew}) has a dedupe key that a job waiting for its first
     * attempt already holds; schedule jobs whose key may be held with {@code scheduleAll}, which shares the waiting job.
     */
    public static final String JOB_KEY_TAKEN = "OA-CORE/JOB_KEY_TAKEN";
    /** Only a dead job can be replayed; this one is not dead. */
    public static final String JOB_NOT_DEAD = "OA-CORE/JOB_NOT_DEAD";
    /** No outbox event with this id (it was delivered and purged, or never existed). */
    public static final String EVENT_NOT_FOUND = "OA-CORE/EVENT_NOT_FOUND";
    /** A delivery names an event listener that is not installed on this node. */
    public static final String LISTENER_NOT_FOUND = "OA-CORE/LISTENER_NOT_FOUND";
    /** A delivery names an event relay that is not installed on this node. */
    public static final String RELAY_NOT_FOUND = "OA-CORE/RELAY_NOT_FOUND";
    /** A webhook receiver refused or did not answer a delivery; {@code retryable()} says whether it is retried. */
    public static final String WEBHOOK = "OA-CORE/WEBHOOK";

    // ---- notifications

    /** A notification template's text does not parse (an unclosed or unknown placeholder). */
    public static final String TEMPLATE_SYNTAX = "OA-CORE/TEMPLATE_SYNTAX";
    /** A notification lacks variables its template uses; the problems name each one. */
    public static final String TEMPLATE_VARIABLE = "OA-CORE/TEMPLATE_VARIABLE";
    /** No notification template with this key (or none in any fallback locale). */
    public static final String NO_SUCH_TEMPLATE = "OA-CORE/NO_SUCH_TEMPLATE";
    /** No notification delivery with this id. */
    public static final String NO_SUCH_DELIVERY = "OA-CORE/NO_SUCH_DELIVERY";
    /** A delivery's channel is not installed on this node. */
    public static final String NO_SUCH_CHANNEL = "OA-CORE/NO_SUCH_CHANNEL";
    /** The recipient has no address for the channel (no e-mail address, no robot webhook). */
    public static final String NO_ADDRESS = "OA-CORE/NO_ADDRESS";
    /** The robot (chat webhook) channel failed to deliver. */
    public static final String NOTIFY_ROBOT = "OA-CORE/NOTIFY_ROBOT";
    /** The e-mail channel failed to deliver. */
    public static final String NOTIFY_EMAIL = "OA-CORE/NOTIFY_EMAIL";

    // ---- tenants

    /** A command names a tenant that was never created; create it first (Tenants.create or builder.tenant). */
    public static final String TENANT_NOT_FOUND = "OA-CORE/TENANT_NOT_FOUND";
    /** A command names a deactivated tenant; an operator reactivates it, or the command is for another tenant. */
    public static final String TENANT_INACTIVE = "OA-CORE/TENANT_INACTIVE";
    /** A command's actor is not a user of its tenant's directory (and not an administrator or the system); create the user first. */
    public static final String UNKNOWN_ACTOR = "OA-CORE/UNKNOWN_ACTOR";
    /** A tenant with this id already exists. */
    public static final String TENANT_EXISTS = "OA-CORE/TENANT_EXISTS";

    // ---- the directory

    /** No user with this id in the tenant. */
    public static final String USER_NOT_FOUND = "OA-CORE/USER_NOT_FOUND";
    /** No department with this id in the tenant. */
    public static final String DEPARTMENT_NOT_FOUND = "OA-CORE/DEPARTMENT_NOT_FOUND";
    /** No role with this code in the tenant. */
    public static final String ROLE_NOT_FOUND = "OA-CORE/ROLE_NOT_FOUND";
    /** No position with this code in the tenant. */
    public static final String POSITION_NOT_FOUND = "OA-CORE/POSITION_NOT_FOUND";
    /** A user with this id already exists in the tenant. */
    public static final String USER_EXISTS = "OA-CORE/USER_EXISTS";
    /** A department with this id already exists in the tenant. */
    public static final String DEPARTMENT_EXISTS = "OA-CORE/DEPARTMENT_EXISTS";
    /** Another user already has this external id of the same system. */
    public static final String EXTERNAL_ID_TAKEN = "OA-CORE/EXTERNAL_ID_TAKEN";
    /** The explicit manager would, through explicit managers, be managed by the user. */
    public static final String MANAGER_CYCLE = "OA-CORE/MANAGER_CYCLE";
    /** A department would move under itself or below itself. */
    public static final String DEPARTMENT_CYCLE = "OA-CORE/DEPARTMENT_CYCLE";

    // ---- forms and calendars

    /** Form data breaks its schema; every field problem is listed with its path. */
    public static final String FORM_INVALID = "OA-CORE/FORM_INVALID";
    /** A form schema does not hold together (unknown type, bad limits, duplicate keys ...). */
    public static final String FORM_SCHEMA_INVALID = "OA-CORE/FORM_SCHEMA_INVALID";
    /** No business calendar with this name is configured. */
    public static final String CALENDAR_NOT_FOUND = "OA-CORE/CALENDAR_NOT_FOUND";
    /** A business calendar definition is invalid (hours, holidays, time zone). */
    public static final String CALENDAR_INVALID = "OA-CORE/CALENDAR_INVALID";
}
