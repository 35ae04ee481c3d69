package dev.oakit.crm.salesforce;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Salesforce org: its My Domain URL (token endpoint and REST API alike), the connected app,
 * and the fields the bridge writes. Immutable; {@link #toString()} hides the secrets.
 *
 * @param target the connector's id, e.g. {@code salesforce}
 * @param myDomain the org's My Domain URL, e.g. {@code https://acme.my.salesforce.com}
 * @param apiVersion the REST API version, e.g. {@code 62.0} (46.0 or later)
 * @param clientId the connected app's consumer key
 * @param clientSecret the connected app's consumer secret
 * @param refreshToken a refresh token of the integration user (grant {@code refresh_token}); null for the client
 *     credentials flow (grant {@code client_credentials}, the connected app's run-as user)
 * @param contactKeyField the external id field on Contact that holds OAKit's key (default {@code OAKit_Key__c})
 * @param resolutionField the Case field the resolution is written to (default {@code OAKit_Resolution__c})
 * @param dailyLimitWait how long to stop calling once the org's daily API requests are used up (default 1 hour;
 *     Salesforce counts over a rolling 24 hours and says no more precisely when requests become available again)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SalesforceConfig(String target, URI myDomain, String apiVersion, String clientId, String clientSecret, String refreshToken,
                               String contactKeyField, String resolutionField, Duration dailyLimitWait) {
    /** Checks the components and fills the defaults. */
    public SalesforceConfig {
        Checks.id("target", target);
        Objects.requireNonNull(myDomain, "myDomain");
        apiVersion = apiVersion == null ? "62.0" : apiVersion;
        if (!apiVersion.matches("\\d{2}\\.0") || Double.parseDouble(apiVersion) < 46.0) {
            throw ValidationException.of("apiVersion", "must be a REST API version like 62.0, 46.0 or later (the upsert answers the bridge "
                    + "reads), was '" + apiVersion + "'");
        }
        Checks.text("clientId", clientId, 255);
        Checks.text("clientSecret", clientSecret, 255);
        contactKeyField = contactKeyField == null ? "OAKit_Key__c" : contactKeyField;
        resolutionField = resolutionField == null ? "OAKit_Resolution__c" : resolutionField;
        dailyLimitWait = dailyLimitWait == null ? Duration.ofHours(1) : dailyLimitWait;
        if (dailyLimitWait.isNegative() || dailyLimitWait.isZero()) {
            throw ValidationException.of("dailyLimitWait", "must be positive, was " + dailyLimitWait);
        }
    }

    /** @return a configuration with the defaults: API 62.0, the refresh-token flow (or client credentials when {@code refreshToken} is null) */
    public static SalesforceConfig of(String target, URI myDomain, String clientId, String clientSecret, String refreshToken) {
        return new SalesforceConfig(target, myDomain, null, clientId, clientSecret, refreshToken, null, null, null);
    }

    /** @return this configuration with another API version */
    public SalesforceConfig withApiVersion(String version) {
        return new SalesforceConfig(target, myDomain, version, clientId, clientSecret, refreshToken, contactKeyField, resolutionField, dailyLimitWait);
    }

    /** @return this configuration with another wait after the daily limit is used up */
    public SalesforceConfig withDailyLimitWait(Duration wait) {
        return new SalesforceConfig(target, myDomain, apiVersion, clientId, clientSecret, refreshToken, contactKeyField, resolutionField, wait);
    }

    /** @return the REST API's base path, e.g. {@code /services/data/v62.0} */
    public String dataPath() {
        return "/services/data/v" + apiVersion;
    }

    @Override
    public String toString() {
        return "SalesforceConfig[target=" + target + ", myDomain=" + myDomain + ", apiVersion=" + apiVersion + ", clientId=" + clientId
                + ", clientSecret=***, refreshToken=" + (refreshToken == null ? "none" : "***") + "]";
    }
}
