package dev.oakit.crm.odoo;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.fakes.odoo.FakeOdoo;
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
import java.util.List;
import java.util.Map;

/**
 * OAKit with the integration machinery and the Odoo CRM connector against a fake Odoo with a support project
 * (stages New, In Progress, Waiting on Customer) and one customer company: the knob tests drive real remote writes.
 */
record OdooCrmSetup(FakeOdoo odoo, OdooCrmConnector connector, OaKit oa, RemoteWrites writes, long support, long acme) {
    static final Actor SYSTEM = Actor.system("t1");
    /** Short timeouts and retries, so a commit-then-timeout knob of 3 s outlasts a call. */
    static final Map<String, Object> FAST = Map.of("callTimeout", "PT1.5S", "lease", "PT3S", "retryInitial", "PT0.05S",
            "retryMax", "PT0.3S", "maxAttempts", 30);

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
        return new CallContext("t1", "odoo-crm", "test", Duration.ofSeconds(5));
    }

    RemoteWrite request(String operation, String key, Object payload) {
        return writes.request(SYSTEM, new NewRemoteWrite("odoo-crm", operation, key, null, payload));
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
