package dev.oakit.crm.salesforce;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Map;

/** OAKit with the integration machinery and the Salesforce connector against a fake org: the connector's knob tests drive real remote writes. */
record SalesforceSetup(FakeSalesforce sf, SalesforceConnector connector, OaKit oa, RemoteWrites writes) {
    static final Actor SYSTEM = Actor.system("t1");
    /** Short timeouts and retries, so a commit-then-timeout knob of 3 s outlasts a call. */
    static final Map<String, Object> FAST = Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.05S",
            "retryMax", "PT0.3S", "maxAttempts", 30);

    static SalesforceSetup start(TestDatabase db) {
        return start(db, FakeSalesforce.start(), Duration.ofHours(1));
    }

    static SalesforceSetup start(TestDatabase db, FakeSalesforce sf, Duration dailyLimitWait) {
        db.closeLater(sf);
        SalesforceConnector connector = new SalesforceConnector(SalesforceConfig.of("salesforce", sf.baseUri(), sf.clientId(), sf.clientSecret(),
                sf.refreshToken()).withDailyLimitWait(dailyLimitWait));
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new ConnectorPlugin("crm-test", connector)).config("integration", FAST));
        return new SalesforceSetup(sf, connector, oa, oa.service(RemoteWrites.class));
    }

    static CallContext call() {
        return new CallContext("t1", "salesforce", "test", Duration.ofSeconds(5));
    }

    RemoteWrite request(String operation, String key, Object payload) {
        return writes.request(SYSTEM, new NewRemoteWrite("salesforce", operation, key, null, payload));
    }

    RemoteWrite current(RemoteWrite w) {
        return writes.get(SYSTEM, w.id()).orElseThrow();
    }

    RemoteWrite await(RemoteWrite w, WriteStatus status) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> current(w).status() == status);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("write '" + w.key() + "' did not become " + status + ": " + current(w), e);
        }
        return current(w);
    }
}
