package dev.oakit.core.internal.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.event.WebhookSignature;
import dev.oakit.core.spi.EventRelay;

import dev.oakit.core.internal.http.OutboundHttp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Delivers events as signed HTTP POSTs of JSON, bounded in time and size by {@link OutboundHttp}. */
public final class WebhookRelay implements EventRelay {
    private final CoreConfig.Webhook config;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookRelay(CoreConfig.Webhook config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public boolean accepts(String eventType) {
        if (config.events().isEmpty()) {
            return true;
        }
        for (String pattern : config.events()) {
            if (pattern.endsWith("*") ? eventType.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(eventType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void deliver(String deliveryId, DomainEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("deliveryId", deliveryId);
        body.put("eventId", event.id());
        body.put("type", event.type());
        body.put("tenantId", event.tenantId());
        body.put("aggregateType", event.aggregateType());
        body.put("aggregateId", event.aggregateId());
        body.put("actorId", event.actorId());
        body.put("occurredAt", event.occurredAt().toString());
        body.set("payload", event.payload());
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        long ts = clock.instant().getEpochSecond();
        String who = "webhook '" + config.id() + "' at " + config.safeUrl();
        OutboundHttp.Answer answer = OutboundHttp.post(CoreErrors.WEBHOOK, who, URI.create(config.url()), Map.of(
                "Content-Type", "application/json; charset=utf-8",
                WebhookSignature.DELIVERY_HEADER, deliveryId,
                WebhookSignature.EVENT_HEADER, event.type(),
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(config.secret(), ts, bytes)), bytes, config.timeout());
        if (answer.ok()) {
            return;
        }
        boolean retryable = OutboundHttp.retryable(answer.status());
        throw new IntegrationException(CoreErrors.WEBHOOK, who + " answered HTTP " + answer.status()
                + (retryable ? "; will retry" : "; not retried (fix the receiver, then replay the dead job)"), retryable, null);
    }
}
