package dev.oakit.ticket.dispatch;

import org.apiguardian.api.API;

/**
 * The result of {@link DispatchRules#evaluate}: which rule matched (or the default), the outcome
 * with the default's components filled in, and why. Immutable and thread-safe.
 *
 * @param rule the matching rule's name; null when the default applies
 * @param index the matching rule's position, from 0; -1 for the default
 * @param outcome the complete outcome: queue and strategy always set
 * @param explanation e.g. {@code rule 'vpn' (#2) matched: category 'it/network/vpn' under 'it/network' → queue 'network', ...; before it: rule 'printers' (#1) no: ...}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RuleMatch(String rule, int index, DispatchOutcome outcome, String explanation) {

    /** @return whether no rule matched and the default applies */
    public boolean isDefault() {
        return rule == null;
    }
}
