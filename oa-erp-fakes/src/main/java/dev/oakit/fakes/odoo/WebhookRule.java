package dev.oakit.fakes.odoo;

import org.apiguardian.api.API;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An automation rule of the fake Odoo ({@code base.automation}) whose one action is "Send Webhook Notification" (an
 * {@code ir.actions.server} of state {@code webhook}): when a record of {@code model} is created or updated through the
 * API, Odoo POSTs (Odoo 17 from inside the call, before its commit)
 * {@code {"_action": "Send Webhook Notification(#<action id>)", "_id": <id>, "_model": <model>, …}} with the {@code fields} read as {@code read(fields, load=None)} reads them, to {@code url}.
 * Install it with {@link FakeOdoo#automation(WebhookRule)}. Immutable.
 *
 * @param model the model the rule watches, e.g. {@code res.partner}
 * @param trigger when it fires
 * @param url the action's Webhook URL (Odoo lets you set nothing else: no headers, no secret)
 * @param fields the action's "Fields" ({@code webhook_field_ids}); may be empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WebhookRule(String model, Trigger trigger, URI url, List<String> fields) {
    /** The rule's trigger, as Odoo 17 names it in {@code base.automation.trigger}. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Trigger {
        /** {@code on_create}: "On create". */
        ON_CREATE,
        /** {@code on_write}: "On update". */
        ON_WRITE,
        /** {@code on_create_or_write}: "On create and edit". */
        ON_CREATE_OR_WRITE
    }

    /** Checks the components. */
    public WebhookRule {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(url, "url");
        fields = List.copyOf(fields);
    }

    /** @return a rule "On create and edit" */
    public static WebhookRule onCreateOrWrite(String model, URI url, String... fields) {
        return new WebhookRule(model, Trigger.ON_CREATE_OR_WRITE, url, List.of(fields));
    }

    /** @return a rule "On create" */
    public static WebhookRule onCreate(String model, URI url, String... fields) {
        return new WebhookRule(model, Trigger.ON_CREATE, url, List.of(fields));
    }

    /** @return a rule "On update" */
    public static WebhookRule onWrite(String model, URI url, String... fields) {
        return new WebhookRule(model, Trigger.ON_WRITE, url, List.of(fields));
    }
}
