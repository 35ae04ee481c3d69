package dev.oakit.crm.salesforce;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ConnectorWrites;
import dev.oakit.fakes.salesforce.FakeSalesforce;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;

import java.time.Duration;
import java.util.Map;

/** OAKit with the integration machinery and the Salesforce connector against a fake org: the connector's knob tests drive real remote writes. */
record SalesforceSetup(FakeSalesforce sf, SalesforceConnector connector, OaKit oa, RemoteWrites writes) {
    static final Actor SYSTEM = ConnectorWrites.SYSTEM;
    static final Map<String, Object> FAST = ConnectorWrites.FAST;

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
        return new ConnectorWrites(null, "salesforce").call();
    }

    private ConnectorWrites probe() {
        return new ConnectorWrites(writes, "salesforce");
    }

    RemoteWrite request(String operation, String key, Object payload) {
        return probe().request(operation, key, payload);
    }

    RemoteWrite current(RemoteWrite w) {
        return probe().current(w);
    }

    RemoteWrite await(RemoteWrite w, WriteStatus status) {
        return probe().await(w, status);
    }
}
