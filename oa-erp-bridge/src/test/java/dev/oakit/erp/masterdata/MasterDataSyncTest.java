package dev.oakit.erp.masterdata;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.ValidationException;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.User;
import dev.oakit.core.form.FieldOption;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.erp.ErpBridgePlugin;
import dev.oakit.erp.ErpErrors;
import dev.oakit.erp.erpnext.ErpNextConfig;
import dev.oakit.erp.erpnext.ErpNextConnector;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.erp.spi.ErpConnector;
import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdMap;
import dev.oakit.integration.IntegrationPlugin;
import dev.oakit.workflow.WorkflowPlugin;
import dev.oakit.erp.odoo.OdooConfig;
import dev.oakit.erp.odoo.OdooConnector;
import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.fakes.odoo.FakeOdoo;

import javax.sql.DataSource;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Master data from both fake ERPs: the first sync, changes, deactivations, nothing written back, a restart, employees. */
class MasterDataSyncTest {
    static final String T = "t1";
    static final Actor SYSTEM = Actor.system(T);
    static final Actor ADMIN = Actor.admin(T, "root");
    static final Actor ALICE = Actor.of(T, "alice");

    static OaKit start(TestDatabase db, DataSource ds, MasterErp erp) {
        return start(db, ds, erp, b -> { });
    }

    static OaKit start(TestDatabase db, DataSource ds, MasterErp erp, java.util.function.Consumer<dev.oakit.core.OaKitBuilder> more) {
        ErpConnector connector = erp.server() instanceof FakeErpNext e
                ? new ErpNextConnector(ErpNextConfig.of("erpnext", e.baseUri(), e.apiKey(), e.apiSecret()))
                : new OdooConnector(new OdooConfig("odoo", erp.server().baseUri(), ((FakeOdoo) erp.server()).database(),
                        ((FakeOdoo) erp.server()).login(), ((FakeOdoo) erp.server()).apiKey()));
        return db.start(b -> {
            if (ds != null) {
                b.dataSource(ds);
            }
            b.plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin()).plugin(new ErpBridgePlugin(connector).masterData(erp.feeds()));
            more.accept(b);
        });
    }

    @DbTest
    void theNextPageIsReadWithoutAConnectionWhileTheCurrentOneIsStored(TestDatabase db) {
        MasterErp erp = MasterErp.erpNext(db);
        for (int i = 0; i < 1200; i++) { // three pages
            erp.vendor("V" + i);
        }
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        DataSource watched = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("getConnection")) {
                        threads.add(Thread.currentThread().getName());
                    }
                    try {
                        return m.invoke(db.dataSource(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        java.util.Set<String> callers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.List<MasterFeed> feeds = erp.feeds().stream().map(f -> (MasterFeed) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{MasterFeed.class}, (proxy, m, args) -> {
                    if (m.getName().equals("since")) {
                        callers.add(Thread.currentThread().getName());
                    }
                    try {
                        return m.invoke(f, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                })).toList();
        FakeErpNext e = (FakeErpNext) erp.server();
        OaKit oa = db.start(b -> b.dataSource(watched).plugin(new IntegrationPlugin()).plugin(new WorkflowPlugin())
                .plugin(new ErpBridgePlugin(new ErpNextConnector(ErpNextConfig.of("erpnext", e.baseUri(), e.apiKey(), e.apiSecret()))).masterData(feeds))
                .config("core", java.util.Map.of("jobs", java.util.Map.of("enabled", false))));
        threads.clear();

        SyncReport r = oa.service(MasterData.class).sync(SYSTEM, erp.target(), MasterKind.VENDOR);

        assertThat(r.applied()).isEqualTo(1200);
        assertThat(callers).as("threads that read the remote").isNotEmpty().allMatch(n -> n.startsWith("oakit-masterdata-read"));
        assertThat(threads).as("threads that took a connection").isNotEmpty().noneMatch(n -> n.startsWith("oakit-masterdata-read"));
    }

    @DbTest
    void erpNextVendorsAreSyncedChangedDisabledAndResumedAfterARestart(TestDatabase db) {
        vendorsAreSyncedChangedDisabledAndResumedAfterARestart(db, MasterErp.erpNext(db));
    }

    @DbTest
    void odooVendorsAreSyncedChangedArchivedAndResumedAfterARestart(TestDatabase db) {
        vendorsAreSyncedChangedDisabledAndResumedAfterARestart(db, MasterErp.odoo(db));
    }

    void vendorsAreSyncedChangedDisabledAndResumedAfterARestart(TestDatabase db, MasterErp erp) {
        String acme = erp.vendor("Acme Supplies");
        erp.clock.advance(Duration.ofSeconds(1));
        String bolt = erp.vendor("Bolt & Nut");
        erp.clock.advance(Duration.ofSeconds(1));
        String cog = erp.vendor("Cog Works");
        OaKit oa = start(db, null, erp);
        MasterData md = oa.service(MasterData.class);
        String t = erp.target();

        SyncReport first = md.sync(SYSTEM, t, MasterKind.VENDOR);
        assertThat(first.applied()).isEqualTo(3);
        assertThat(md.options(ALICE, t, MasterKind.VENDOR)).extracting(FieldOption::value).containsExactly(acme, bolt, cog);

        // an hour later: one renamed, one new, one disabled; only they and the first sync's last minute are read again
        erp.clock.advance(Duration.ofHours(1));
        erp.renameVendor(bolt, "Bolt and Nut");
        String dyn = erp.vendor("Dynamo Ltd");
        erp.disableVendor(cog);
        long writesBefore = erp.writes();
        SyncReport second = md.sync(SYSTEM, t, MasterKind.VENDOR);
        assertThat(second.pulled()).isEqualTo(4);
        assertThat(second.applied()).isEqualTo(3);
        assertThat(md.options(ALICE, t, MasterKind.VENDOR)).extracting(FieldOption::value, FieldOption::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(acme, "Acme Supplies"), org.assertj.core.groups.Tuple.tuple(bolt, "Bolt and Nut"),
                        org.assertj.core.groups.Tuple.tuple(dyn, "Dynamo Ltd"));
        assertThat(md.record(ALICE, t, MasterKind.VENDOR, cog).orElseThrow().active()).isFalse();

        // a disabled or unknown vendor in a form is refused, naming the field
        assertThatThrownBy(() -> md.require(ALICE, t, MasterKind.VENDOR, "vendor", cog)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(ErpErrors.INACTIVE_MASTER_DATA);
            assertThat(e.paths()).containsExactly("vendor");
        });
        assertThatThrownBy(() -> md.require(ALICE, t, MasterKind.VENDOR, "vendor", "Nobody Inc")).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErpErrors.UNKNOWN_MASTER_DATA);
                    assertThat(e.paths()).containsExactly("vendor");
                    assertThat(e.getMessage()).contains("Nobody Inc");
                });
        assertThat(md.require(ALICE, t, MasterKind.VENDOR, "vendor", dyn).name()).isEqualTo("Dynamo Ltd");

        // syncing again reads the overlap, applies nothing and writes nothing to the ERP
        SyncReport again = md.sync(SYSTEM, t, MasterKind.VENDOR);
        assertThat(again.applied()).isZero();
        assertThat(erp.writes()).isEqualTo(writesBefore);

        // a new node on the same database resumes from the stored watermark
        erp.clock.advance(Duration.ofHours(1));
        String eel = erp.vendor("Eel Electric");
        OaKit restarted = start(db, null, erp);
        SyncReport resumed = restarted.service(MasterData.class).sync(SYSTEM, t, MasterKind.VENDOR);
        assertThat(resumed.pulled()).as("the new one and the last minute before the watermark, not the first three").isEqualTo(4);
        assertThat(resumed.applied()).isEqualTo(1);
        assertThat(resumed.watermark()).isGreaterThan(second.watermark());
        assertThat(restarted.service(MasterData.class).options(ALICE, t, MasterKind.VENDOR)).extracting(FieldOption::value).contains(eel);
    }

    @DbTest
    void erpNextEmployeesAreLinkedToUsersByEmail(TestDatabase db) {
        employeesAreLinkedToUsersByEmail(db, MasterErp.erpNext(db));
    }

    @DbTest
    void odooEmployeesAreLinkedToUsersByEmail(TestDatabase db) {
        employeesAreLinkedToUsersByEmail(db, MasterErp.odoo(db));
    }

    void employeesAreLinkedToUsersByEmail(TestDatabase db, MasterErp erp) {
        OaKit oa = start(db, null, erp);
        Directory dir = oa.service(Directory.class);
        dir.createUser(ADMIN, User.of("alice", "Alice").withEmail("alice@acme.test"));
        dir.createUser(ADMIN, User.of("bob", "Bob").withEmail("bob@acme.test"));
        String alice = erp.employee("Alice", "alice@acme.test");
        String carol = erp.employee("Carol", "carol@acme.test");
        String dan = erp.employee("Dan", null);

        SyncReport report = oa.service(MasterData.class).sync(SYSTEM, erp.target(), MasterKind.EMPLOYEE);
        assertThat(report.applied()).isEqualTo(3);
        IdMap ids = oa.service(IdMap.class);
        assertThat(ids.localId(ALICE, ExternalRef.of(erp.target(), MasterData.EMPLOYEE_LINK, alice))).contains("alice");
        assertThat(report.unmatched()).hasSize(2).anySatisfy(u -> assertThat(u).startsWith(carol).contains("no active user"))
                .anySatisfy(u -> assertThat(u).startsWith(dan).contains("no e-mail"));
        assertThat(ids.localId(ALICE, ExternalRef.of(erp.target(), MasterData.EMPLOYEE_LINK, carol))).isEmpty();
        assertThat(dir.findUser(ADMIN, "carol")).isEmpty();

        erp.clock.advance(Duration.ofHours(1));
        erp.employeeLeft(alice);
        assertThat(oa.service(MasterData.class).sync(SYSTEM, erp.target(), MasterKind.EMPLOYEE).applied()).isEqualTo(1);
        assertThat(oa.service(MasterData.class).options(ALICE, erp.target(), MasterKind.EMPLOYEE)).extracting(FieldOption::value)
                .containsExactlyInAnyOrder(carol, dan);
    }

    @DbTest
    void costCentresOfferOnlyPostableOnes(TestDatabase db) {
        MasterErp erp = MasterErp.erpNext(db);
        String lab = erp.costCentre("Lab");
        OaKit oa = start(db, null, erp);
        MasterData md = oa.service(MasterData.class);
        assertThat(md.sync(SYSTEM, "erpnext", MasterKind.COST_CENTRE).applied()).isEqualTo(3);
        // the company's root is a group, which takes no postings
        assertThat(md.options(ALICE, "erpnext", MasterKind.COST_CENTRE)).extracting(FieldOption::value).containsExactly(lab, "Main - AC");
        assertThatThrownBy(() -> md.require(ALICE, "erpnext", MasterKind.COST_CENTRE, "costCentre", "Acme Corp - AC"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("costCentre"));
        assertThat(md.sync(SYSTEM, "erpnext", MasterKind.PROJECT).applied()).isZero();
        assertThatThrownBy(() -> md.sync(ALICE, "erpnext", MasterKind.VENDOR)).hasMessageContaining("only administrators");
        assertThatThrownBy(() -> md.sync(SYSTEM, "sap", MasterKind.VENDOR)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.code()).isEqualTo(ErpErrors.NO_MASTER_FEED));
    }

    @DbTest
    void aScheduledSyncKeepsVendorsCurrent(TestDatabase db) {
        MasterErp erp = MasterErp.odoo(db);
        String acme = erp.vendor("Acme Supplies");
        OaKit oa = start(db, null, erp);
        MasterData md = oa.service(MasterData.class);
        md.schedule(SYSTEM, "odoo", MasterKind.VENDOR, Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> md.record(ALICE, "odoo", MasterKind.VENDOR, acme).isPresent());
        erp.clock.advance(Duration.ofHours(1));
        erp.disableVendor(acme);
        await().atMost(Duration.ofSeconds(30)).until(() -> md.options(ALICE, "odoo", MasterKind.VENDOR).isEmpty());
        assertThatThrownBy(() -> md.schedule(SYSTEM, "odoo", MasterKind.VENDOR, Duration.ofMillis(10)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.paths()).containsExactly("every"));
    }
}
