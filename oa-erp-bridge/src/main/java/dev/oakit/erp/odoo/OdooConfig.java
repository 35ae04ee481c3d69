package dev.oakit.erp.odoo;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.net.URI;

/**
 * Where and as whom the Odoo connector calls Odoo's external JSON-RPC API.
 *
 * @param target the connector's id (the target of its remote writes), e.g. {@code odoo}
 * @param baseUri the server, e.g. {@code https://acme.odoo.com}
 * @param database the database name
 * @param login the user's login
 * @param secret the user's API key (or password); never logged
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OdooConfig(String target, URI baseUri, String database, String login, String secret) {
    /** Checks the components. */
    public OdooConfig {
        Checks.id("target", target);
        Checks.notNull("baseUri", baseUri);
        Checks.text("database", database, 200);
        Checks.text("login", login, 200);
        Checks.text("secret", secret, 500);
    }

    @Override
    public String toString() {
        return "OdooConfig[target=" + target + ", baseUri=" + baseUri + ", database=" + database + ", login=" + login + ", secret=***]";
    }
}
