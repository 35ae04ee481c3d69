package dev.oakit.integration;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.OaKit;
import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdMapTest {
    static final Actor ADMIN = Actor.admin("t1", "root");
    static final Actor ALICE = Actor.of("t1", "alice");
    static final ExternalRef ERP_V1 = ExternalRef.of("erp", "vendor", "V1");
    static final ExternalRef ERP_V2 = ExternalRef.of("erp", "vendor", "V2");
    static final ExternalRef CRM_A9 = ExternalRef.of("crm", "vendor", "A9");

    @DbTest
    void linksResolveBothWaysAndOneLocalRecordIsSeveralSystemsRecords(TestDatabase db) {
        IdMap map = db.start(b -> b.plugin(new IntegrationPlugin())).service(IdMap.class);
        map.link(ADMIN, ERP_V1, "p-1");
        map.link(ADMIN, CRM_A9, "p-1");
        assertThat(map.link(ADMIN, ERP_V1, "p-1").localId()).as("linking again changes nothing").isEqualTo("p-1");

        assertThat(map.localId(ALICE, ERP_V1)).contains("p-1");
        assertThat(map.localId(ALICE, ERP_V2)).isEmpty();
        assertThat(map.external(ALICE, "erp", "vendor", "p-1")).map(IdLink::ref).contains(ERP_V1);
        assertThat(map.links(ALICE, "vendor", "p-1")).extracting(IdLink::ref).containsExactly(CRM_A9, ERP_V1);
        assertThat(map.localId(Actor.of("t2", "bob"), ERP_V1)).as("another tenant's map").isEmpty();
    }

    @DbTest
    void theMapIsOneToOneWithinASystemAndTheRefusalNamesTheFix(TestDatabase db) {
        IdMap map = db.start(b -> b.plugin(new IntegrationPlugin())).service(IdMap.class);
        map.link(ADMIN, ERP_V1, "p-1");
        assertThatThrownBy(() -> map.link(ADMIN, ERP_V1, "p-2")).isInstanceOf(ConflictException.class)
                .hasMessageContaining(IntegrationErrors.EXTERNAL_TAKEN).hasMessageContaining("erp/vendor/V1 is linked to p-1").hasMessageContaining("split");
        assertThatThrownBy(() -> map.link(ADMIN, ERP_V2, "p-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining(IntegrationErrors.LOCAL_TAKEN).hasMessageContaining("merge");
        assertThatThrownBy(() -> map.link(ALICE, ERP_V2, "p-2")).isInstanceOf(ForbiddenException.class);
    }

    @DbTest
    void mergeMovesOrDropsLinksAndSplitMovesOneBackEachInHistoryAndAudit(TestDatabase db) {
        OaKit oa = db.start(b -> b.plugin(new IntegrationPlugin()));
        IdMap map = oa.service(IdMap.class);
        map.link(ADMIN, ERP_V1, "p-1");
        map.link(ADMIN, ERP_V2, "p-2");
        map.link(ADMIN, CRM_A9, "p-2");

        assertThat(map.merge(ADMIN, "vendor", "p-1", "p-2")).extracting(IdLink::ref).containsExactly(CRM_A9, ERP_V1);
        assertThat(map.localId(ALICE, ERP_V2)).as("the survivor had an ERP vendor: the merged one's is dropped").isEmpty();
        assertThat(map.links(ALICE, "vendor", "p-2")).isEmpty();

        map.split(ADMIN, CRM_A9, "p-3");
        assertThat(map.localId(ALICE, CRM_A9)).contains("p-3");
        assertThatThrownBy(() -> map.split(ADMIN, ERP_V2, "p-4")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(IntegrationErrors.NOT_LINKED);

        assertThat(map.history(ALICE, "vendor", "p-2")).extracting(IdMapChange::action, c -> c.ref().externalId(), IdMapChange::fromLocal,
                        IdMapChange::toLocal)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IdMapChange.Action.LINK, "V2", null, "p-2"),
                        org.assertj.core.groups.Tuple.tuple(IdMapChange.Action.LINK, "A9", null, "p-2"),
                        org.assertj.core.groups.Tuple.tuple(IdMapChange.Action.MERGE_DROP, "V2", "p-2", null),
                        org.assertj.core.groups.Tuple.tuple(IdMapChange.Action.MERGE, "A9", "p-2", "p-1"));
        assertThat(map.history(ALICE, "vendor", "p-3")).extracting(IdMapChange::action).containsExactly(IdMapChange.Action.SPLIT);
        assertThat(oa.service(AuditLog.class).recent(ADMIN, 10)).extracting(r -> r.action())
                .contains("integration.id.link", "integration.id.merge", "integration.id.split");
    }
}
