package dev.oakit.crm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.Actor;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.OaException;
import dev.oakit.crm.CrmWebhookResult;
import dev.oakit.crm.CrmWebhooks;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.pull.ChangeNotices;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link CrmWebhooks}: token, body, then each record the connector says the body names, through {@link ChangeNotices}. */
@Singleton
public final class CrmWebhookService implements CrmWebhooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CrmConnectors connectors;
    private final WebhookTokens tokens;
    private final ChangeNotices notices;

    @Inject
    public CrmWebhookService(CrmConnectors connectors, WebhookTokens tokens, ChangeNotices notices) {
        this.connectors = connectors;
        this.tokens = tokens;
        this.notices = notices;
    }

    @Override
    public CrmWebhookResult receive(Actor actor, String target, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Optional<CrmConnector> connector = target == null ? Optional.empty() : connectors.get(target);
        List<String> valid = target == null ? List.of() : tokens.of(target);
        if (connector.isEmpty() || valid.isEmpty()) {
            return new CrmWebhookResult(404, 0, "no CRM webhooks at '" + target + "': the target is unknown or has no webhook token set");
        }
        String given = token(rawQuery, headers);
        if (given == null) {
            return new CrmWebhookResult(401, 0, "no token: add ?" + TOKEN_PARAMETER + "=<the target's webhook token> to the webhook URL");
        }
        if (valid.stream().noneMatch(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))) {
            return new CrmWebhookResult(401, 0, "wrong token: copy the target's webhook token into the webhook URL");
        }
        if (body == null || body.length > MAX_BODY_BYTES) {
            return new CrmWebhookResult(body == null ? 400 : 413, 0, body == null ? "no body" : "the body is over " + MAX_BODY_BYTES + " bytes");
        }
        List<CrmConnector.Notice> named;
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                return new CrmWebhookResult(400, 0, "the body is no JSON object");
            }
            named = connector.get().webhookNotices(json);
        } catch (IOException | IllegalArgumentException e) {
            return new CrmWebhookResult(400, 0, e instanceof IOException ? "the body is no JSON" : e.getMessage());
        }
        if (named.isEmpty()) {
            return new CrmWebhookResult(200, 0, "nothing to read: the webhook names no record the bridge reads");
        }
        try {
            for (CrmConnector.Notice n : named) {
                notices.notice(actor, target, n.feed(), n.recordId(), n.atLeast());
            }
        } catch (ForbiddenException e) {
            return new CrmWebhookResult(403, 0, e.getMessage());
        } catch (OaException e) {
            return new CrmWebhookResult(400, 0, e.getMessage());
        }
        return new CrmWebhookResult(202, named.size(), "taken: " + named.stream().map(n -> n.feed() + " " + n.recordId()).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("") + " read shortly");
    }

    private static String token(String rawQuery, Map<String, List<String>> headers) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(TOKEN_PARAMETER)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        if (headers != null) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(TOKEN_HEADER) && h.getValue() != null && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
        }
        return null;
    }
}
