package dev.oakit.ticket;

import dev.oakit.core.Checks;
import dev.oakit.core.form.FormSchema;
import org.apiguardian.api.API;

/**
 * A kind of ticket (IT support, repair, complaint, event task) with its own form for custom
 * fields and its own lifecycle. Saving a type again replaces it; existing tickets follow the new
 * lifecycle from their current state, so keep the states they are in.
 *
 * @param key type key, at most 64 characters
 * @param name display name
 * @param form the custom fields (oa-core forms), or null for none
 * @param lifecycle the state machine, or null for {@link Lifecycle#standard()}
 * @param defaultQueue queue for tickets that name none and are not dispatched elsewhere, or null
 * @param defaultPriority priority for tickets that name none, or null for {@link Priority#NORMAL}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TicketType(String key, String name, FormSchema form, Lifecycle lifecycle, String defaultQueue, Priority defaultPriority) {
    /** Validates and fills defaults. */
    public TicketType {
        Checks.id("key", key);
        Checks.text("name", name, 200);
        Checks.optionalText("defaultQueue", defaultQueue, 64);
        lifecycle = lifecycle == null ? Lifecycle.standard() : lifecycle;
        defaultPriority = defaultPriority == null ? Priority.NORMAL : defaultPriority;
    }

    /** @return a type with the standard lifecycle, no form and no default queue */
    public static TicketType of(String key, String name) {
        return new TicketType(key, name, null, null, null, null);
    }

    /** @return a copy with the form */
    public TicketType withForm(FormSchema v) {
        return new TicketType(key, name, v, lifecycle, defaultQueue, defaultPriority);
    }

    /** @return a copy with the lifecycle */
    public TicketType withLifecycle(Lifecycle v) {
        return new TicketType(key, name, form, v, defaultQueue, defaultPriority);
    }

    /** @return a copy with the default queue */
    public TicketType withDefaultQueue(String v) {
        return new TicketType(key, name, form, lifecycle, v, defaultPriority);
    }

    /** @return a copy with the default priority */
    public TicketType withDefaultPriority(Priority v) {
        return new TicketType(key, name, form, lifecycle, defaultQueue, v);
    }
}
