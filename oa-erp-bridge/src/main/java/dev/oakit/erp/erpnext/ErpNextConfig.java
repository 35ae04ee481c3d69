package dev.oakit.erp.erpnext;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.net.URI;

/**
 * Where and as whom the ERPNext connector calls Frappe's REST API.
 *
 * @param target the connector's id (the target of its remote writes), e.g. {@code erpnext}
 * @param baseUri the site, e.g. {@code https://erp.example.com}
 * @param apiKey the API user's key
 * @param apiSecret the API user's secret; never logged
 * @param keyField the unique custom field of Purchase Order that holds OAKit's key, e.g. {@code custom_oakit_key}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ErpNextConfig(String target, URI baseUri, String apiKey, String apiSecret, String keyField) {
    /** Checks the components. */
    public ErpNextConfig {
        Checks.id("target", target);
        Checks.notNull("baseUri", baseUri);
        Checks.text("apiKey", apiKey, 200);
        Checks.text("apiSecret", apiSecret, 200);
        Checks.text("keyField", keyField, 140);
        if (!keyField.matches("[a-z][a-z0-9_]*")) {
            throw dev.oakit.core.ValidationException.of("keyField", "must be a Frappe fieldname (lower-case letters, digits, _), was '"
                    + keyField + "'");
        }
    }

    /** @return a config with the key field {@code custom_oakit_key} */
    public static ErpNextConfig of(String target, URI baseUri, String apiKey, String apiSecret) {
        return new ErpNextConfig(target, baseUri, apiKey, apiSecret, "custom_oakit_key");
    }

    @Override
    public String toString() {
        return "ErpNextConfig[target=" + target + ", baseUri=" + baseUri + ", apiKey=" + apiKey + ", apiSecret=***, keyField=" + keyField + "]";
    }
}
