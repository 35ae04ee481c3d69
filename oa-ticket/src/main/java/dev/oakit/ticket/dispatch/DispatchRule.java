package dev.oakit.ticket.dispatch;

import org.apiguardian.api.API;

/**
 * One dispatch rule: when the ticket meets {@code when}, {@code then} applies. Validated by
 * {@link DispatchRules}. Immutable and thread-safe.
 *
 * @param name the rule's name, unique within its rules; shown in explanations
 * @param when the conditions; null means every ticket
 * @param then the outcome; null components come from the rules' default
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DispatchRule(String name, RuleConditions when, DispatchOutcome then) {

    /** Replaces null conditions by {@link RuleConditions#any()}. */
    public DispatchRule {
        when = when == null ? RuleConditions.any() : when;
    }

    /** @return a rule */
    public static DispatchRule of(String name, RuleConditions when, DispatchOutcome then) {
        return new DispatchRule(name, when, then);
    }
}
