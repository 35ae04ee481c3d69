package dev.oakit.integration.docs;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.DocSnippets;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.integration.NewRemoteWrite;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.RemoteWrites;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.integration.pull.PullSpec;
import dev.oakit.integration.pull.PullState;
import dev.oakit.integration.reconcile.ReconcileSpec;
import dev.oakit.integration.reconcile.Reconciliations;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The code of docs/integration.md is this package's code, compiled; and it runs. */
class IntegrationDocsTest {
    static OaKit start(TestDatabase db, URI erp) {
        return db.start(b -> b
                // tag::install[]
                .plugin(new IntegrationPlugin())
                .plugin(new ErpPlugin(erp, "api-token"))
                // end::install[]
        );
    }

    static RemoteWrite use(OaKit oa) {
        // tag::use[]
        Actor bridge = Actor.system("acme");
        IdMap ids = oa.service(IdMap.class);
        ids.link(bridge, ExternalRef.of("erp", "vendor", "V-1007"), "party-42");
        String vendor = ids.external(bridge, "erp", "vendor", "party-42").orElseThrow().ref().externalId();

        RemoteWrites writes = oa.service(RemoteWrites.class);
        RemoteWrite po = writes.request(bridge, new NewRemoteWrite("erp", "purchase-order",
                "PR-2026-0042",                                    // our key, fixed before any call
                "pr-42",                                           // the OAKit record it belongs to
                new PurchaseOrderConnector.Order(vendor, "1200.00")));
        // end::use[]
        return po;
    }

    static PullState pull(OaKit oa) {
        // tag::pull[]
        ChangePulls pulls = oa.service(ChangePulls.class);
        PullState state = pulls.schedule(Actor.system("acme"), PullSpec.of("erp", "Supplier")
                .every(Duration.ofMinutes(5))          // and once now
                .overlap(Duration.ofMinutes(1))        // read the last minute again: remote clocks and commits lag
                .pageSize(200));
        // end::pull[]
        return state;
    }

    static String reconcile(OaKit oa, Actor admin) {
        // tag::reconcile[]
        Reconciliations recon = oa.service(Reconciliations.class);
        recon.schedule(admin, ReconcileSpec.of("erp", "Supplier").linkType("vendor").every(Duration.ofDays(1)));
        String csv = recon.last(admin, "erp", "Supplier").orElseThrow().csv();
        // end::reconcile[]
        return csv;
    }

    @DbTest
    void theExampleRuns(TestDatabase db) throws Exception {
        try (var erp = new dev.oakit.integration.write.FakeOrdersAccess()) {
            OaKit oa = start(db, erp.uri());
            RemoteWrite po = use(oa);
            RemoteWrites writes = oa.service(RemoteWrites.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> writes.get(Actor.system("acme"), po.id()).orElseThrow().status()
                    == WriteStatus.CONFIRMED);
            assertThat(erp.orders()).containsKey("PR-2026-0042");
        }
    }

    @Test
    void theDocShowsTheCompiledCode() {
        Path here = Path.of("src/test/java/dev/oakit/integration/docs");
        for (String file : new String[]{"PurchaseOrderConnector.java", "ErpPlugin.java", "IntegrationDocsTest.java", "../pull/ErpNextConnector.java", "../pull/PagedPullTest.java"}) {
            assertThat(DocSnippets.assertShown(Path.of("../docs/integration.md"), here.resolve(file))).as(file).isNotEmpty();
        }
    }
}
