package dev.oakit.crm.internal;

import java.util.List;
import java.util.Map;

/** The webhook tokens of each CRM target, as the plugin was given them (several while one is being replaced). */
public record WebhookTokens(Map<String, List<String>> byTarget) {
    public WebhookTokens {
        byTarget = Map.copyOf(byTarget);
    }

    /** @return the target's tokens; empty when it takes no webhooks */
    public List<String> of(String target) {
        return byTarget.getOrDefault(target, List.of());
    }
}
