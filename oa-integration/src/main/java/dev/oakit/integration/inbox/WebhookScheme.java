package dev.oakit.integration.inbox;

import org.apiguardian.api.API;

/**
 * How a sender signs its webhooks. Every scheme is an HMAC-SHA256 over the raw body as received
 * (never over re-serialised JSON); they differ in the headers, what is signed and the encoding.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum WebhookScheme {
    /**
     * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
     * {@code webhook-signature} ({@code v1,<base64>} entries separated by spaces) over
     * {@code id.timestamp.body}; secrets are {@code whsec_<base64 key>}.
     */
    STANDARD_WEBHOOKS("webhook-signature"),
    /** Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]} over {@code t.body}. */
    STRIPE("Stripe-Signature"),
    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>} over the body; the delivery id is {@code X-GitHub-Delivery}. */
    GITHUB("X-Hub-Signature-256"),
    /** Frappe / ERPNext: {@code X-Frappe-Webhook-Signature: <base64>} over the body; no timestamp, no delivery id. */
    FRAPPE("X-Frappe-Webhook-Signature");

    private final String signatureHeader;

    WebhookScheme(String signatureHeader) {
        this.signatureHeader = signatureHeader;
    }

    /** @return the header that carries the signature */
    public String signatureHeader() {
        return signatureHeader;
    }
}
