package dev.oakit.crm.odoo;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.net.URI;

/**
 * Where and as whom the Odoo CRM connector calls Odoo, and which Odoo fields and records it uses.
 *
 * @param target the connector's id (the target of its remote writes and pulls), e.g. {@code odoo-crm}
 * @param baseUri the server, e.g. {@code https://acme.odoo.com}
 * @param database the database name
 * @param login the user's login
 * @param secret the user's API key (or password); never logged
 * @param contactKeyField the {@code res.partner} field that holds OAKit's key of a contact: {@code ref} (Reference,
 *     the default) or a custom field such as {@code x_oakit_key}; Odoo does not make either unique, so the connector
 *     looks the key up before it creates and removes a second contact a replayed call made
 * @param supportProject the name of the project whose tasks are the service requests (cases), e.g. {@code Support}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OdooCrmConfig(String target, URI baseUri, String database, String login, String secret, String contactKeyField,
                            String supportProject) {
    /** Checks the components. */
    public OdooCrmConfig {
        Checks.id("target", target);
        Checks.notNull("baseUri", baseUri);
        Checks.text("database", database, 200);
        Checks.text("login", login, 200);
        Checks.text("secret", secret, 500);
        Checks.text("contactKeyField", contactKeyField, 63);
        if (!contactKeyField.equals("ref") && !contactKeyField.matches("x_[a-z0-9_]+")) {
            throw dev.oakit.core.ValidationException.of("contactKeyField", "is '" + contactKeyField
                    + "'; give ref or a custom field x_… of res.partner");
        }
        Checks.text("supportProject", supportProject, 200);
    }

    /** @return a configuration with the key in {@code ref} and the cases in the project {@code Support} */
    public static OdooCrmConfig of(String target, URI baseUri, String database, String login, String secret) {
        return new OdooCrmConfig(target, baseUri, database, login, secret, "ref", "Support");
    }

    /** @return this configuration with OAKit's contact key in another {@code res.partner} field */
    public OdooCrmConfig withContactKeyField(String field) {
        return new OdooCrmConfig(target, baseUri, database, login, secret, field, supportProject);
    }

    /** @return this configuration with the service requests in the project of that name */
    public OdooCrmConfig withSupportProject(String project) {
        return new OdooCrmConfig(target, baseUri, database, login, secret, contactKeyField, project);
    }

    @Override
    public String toString() {
        return "OdooCrmConfig[target=" + target + ", baseUri=" + baseUri + ", database=" + database + ", login=" + login
                + ", secret=***, contactKeyField=" + contactKeyField + ", supportProject=" + supportProject + "]";
    }
}
