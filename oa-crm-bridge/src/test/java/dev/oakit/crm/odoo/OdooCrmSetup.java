package dev.oakit.crm.odoo;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.ConnectorWrites;
import dev.oakit.fakes.odoo.FakeOdoo;
import dev.oakit.integration.ConnectorPlugin;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.spi.CallContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * OAKit with the integration machinery and the Odoo CRM connector against a fake Odoo with a support project
 * (stages New, In Progress, Waiting on Customer) and one customer company: the knob tests drive real remote writes.
 */
record OdooCrmSetup(FakeOdoo odoo, OdooCrmConnector connector, OaKit oa, RemoteWrites writes, long support, long acme) {
    static final Actor SYSTEM = ConnectorWrites.SYSTEM;
    static final Map<String, Object> FAST = ConnectorWrites.FAST;

    static OdooCrmSetup start(TestDatabase db) {
        FakeOdoo odoo = db.closeLater(FakeOdoo.start());
        long support = seed(odoo);
        long acme = odoo.create("res.partner", Map.of("name", "Acme", "is_company", true, "ref", "ACME-1"));
        OdooCrmConnector connector = new OdooCrmConnector(config(odoo));
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()).plugin(new ConnectorPlugin("crm-test", connector)).config("integration", FAST));
        return new OdooCrmSetup(odoo, connector, oa, oa.service(RemoteWrites.class), support, acme);
    }

    static OdooCrmConfig config(FakeOdoo odoo) {
        return OdooCrmConfig.of("odoo-crm", odoo.baseUri(), odoo.database(), odoo.login(), odoo.apiKey());
    }

    /** The support project and its stages, as an Odoo Community shop sets it up; @return the project's id */
    static long seed(FakeOdoo odoo) {
        long support = odoo.create("project.project", Map.of("name", "Support"));
        odoo.create("project.task.type", Map.of("name", "New", "sequence", 1, "project_ids", List.of(support)));
        odoo.create("project.task.type", Map.of("name", "In Progress", "sequence", 2, "project_ids", List.of(support)));
        odoo.create("project.task.type", Map.of("name", "Waiting on Customer", "sequence", 3, "project_ids", List.of(support)));
        return support;
    }

    static CallContext call() {
        return new ConnectorWrites(null, "odoo-crm").call();
    }

    private ConnectorWrites probe() {
        return new ConnectorWrites(writes, "odoo-crm");
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
