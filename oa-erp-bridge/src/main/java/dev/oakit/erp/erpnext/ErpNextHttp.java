package dev.oakit.erp.erpnext;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Frappe's REST API with an API token, for the reads of master data and stock. */
final class ErpNextHttp {
    private ErpNextHttp() {
    }

    static JsonHttp of(ErpNextConfig config) {
        return builder(config).build();
    }

    /** @return a client builder on the config's base URI that sends its API token with every request */
    static JsonHttp.Builder builder(ErpNextConfig config) {
        String token = "token " + config.apiKey() + ":" + config.apiSecret();
        return JsonHttp.builder(config.baseUri()).auth(new HttpAuth() {
            @Override
            public void apply(HttpRequest.Builder request) {
                request.header("Authorization", token);
            }

            @Override
            public void refresh(CallContext call) {
                // an API token does not expire: a 401 is sent once more as it is, and a second one is permanent
            }
        });
    }

    /** @return a query parameter or path segment, encoded (spaces as %20, as Frappe's DocType names need) */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
