package dev.oakit.crm.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.RemoteCallException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Calls the fake Odoo as a user in Odoo would, through the API (so that write_date and the call log move as in Odoo). */
record OdooTestRpc(FakeOdoo odoo) {
    JsonNode execute(String model, String method, List<?> args) {
        return execute(model, method, args, Map.of());
    }

    JsonNode execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
        try {
            return new OdooRpc(JsonHttp.builder(odoo.baseUri()).build(), "user", odoo.database(), odoo.login(), odoo.apiKey())
                    .execute(new CallContext("t1", "user", "test", Duration.ofSeconds(5)), model, method, args, kwargs);
        } catch (RemoteCallException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
