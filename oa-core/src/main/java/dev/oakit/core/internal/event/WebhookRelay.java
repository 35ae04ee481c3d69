package dev.oakit.core.internal.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.IntegrationException;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.event.WebhookSignature;
import dev.oakit.core.spi.EventRelay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Delivers events as signed HTTP POSTs of JSON. */
public final class WebhookRelay implements EventRelay {
    private final CoreConfig.Webhook config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    public WebhookRelay(CoreConfig.Webhook config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.url()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookSignature.DELIVERY_HEADER, deliveryId)
                .header(WebhookSignature.EVENT_HEADER, event.type())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(config.secret(), ts, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IntegrationException("OA-CORE/WEBHOOK", "webhook '" + config.id() + "' at " + config.safeUrl()
                    + " could not be reached (" + e.getMessage() + "); will retry", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException("OA-CORE/WEBHOOK", "webhook delivery interrupted; will retry", true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        throw new IntegrationException("OA-CORE/WEBHOOK", "webhook '" + config.id() + "' at " + config.safeUrl()
                + " answered HTTP " + status + (retryable ? "; will retry" : "; not retried (fix the receiver, then replay the dead job)"),
                retryable, null);
    }
}
