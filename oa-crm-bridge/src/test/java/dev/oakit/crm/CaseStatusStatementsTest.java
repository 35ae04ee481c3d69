package dev.oakit.crm;

import dev.oakit.core.Actor;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.integration.pull.ChangePulls;
import dev.oakit.ticket.StateKind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket change that moves its case to another status reads the case's row once on each side: the listener that
 * decides the new status (then writes it in one conditional update, no second read under the row's lock), and the case
 * write that sends it (which reads the ticket again to catch up, but not the case's row); and the case's new status read
 * back from the CRM is stored after one read too. Job workers off: the test's thread runs the event deliveries, the
 * pulls and the remote writes.
 */
class CaseStatusStatementsTest {
    @DbTest
    void aStatusChangeReadsTheCasesRowOnceOnEachSide(TestDatabase db) throws Exception {
        AtomicReference<CountingDataSource> counting = new AtomicReference<>();
        try (CaseWriteOrderProperties.World w = new CaseWriteOrderProperties.World("salesforce", db.kind(),
                ds -> {
                    counting.set(new CountingDataSource(ds));
                    return counting.get();
                })) {
            w.drain();
            String caseId = w.newCase();
            long ticketId = w.ticketOf(caseId);
            w.change(ticketId, "claim", new ArrayList<>());
            w.change(ticketId, "start", new ArrayList<>());
            w.drain();
            counting.get().reset();
            counting.get().logging(true);
            w.change(ticketId, "pend", new ArrayList<>()); // In Progress -> Waiting on Customer
            w.drain();
            counting.get().logging(false);
            assertThat(w.queries.detail(Actor.admin("t1", "root"), ticketId).ticket().stateKind()).isEqualTo(StateKind.WAITING);
            List<String> cases = counting.get().log().stream().filter(sql -> sql.contains("oa_crm_case")).toList();
            assertThat(cases).as("the statements on oa_crm_case:\n" + String.join("\n", cases))
                    .filteredOn(sql -> sql.startsWith("SELECT")).hasSize(2)
                    .noneMatch(sql -> sql.contains("FOR UPDATE"));
            assertThat(cases).filteredOn(sql -> sql.startsWith("UPDATE")).hasSize(1);
            assertThat(w.sf.record("Case", caseId).orElseThrow()).containsEntry("Status", "Waiting on Customer");

            // the other way: the case read back from the CRM (its new status, OAKit's own) is stored in one conditional
            // update after one read, not read again under the row's lock
            counting.get().reset();
            counting.get().logging(true);
            w.oa.service(ChangePulls.class).pullNow(Actor.admin("t1", "root"), "salesforce", CrmConnector.CASES);
            w.drain();
            counting.get().logging(false);
            List<String> pulled = counting.get().log().stream().filter(sql -> sql.contains("oa_crm_case")).toList();
            assertThat(pulled).as("the statements on oa_crm_case:\n" + String.join("\n", pulled)).hasSize(2)
                    .noneMatch(sql -> sql.contains("FOR UPDATE"));
            assertThat(pulled.get(1)).startsWith("UPDATE oa_crm_case").contains("crm_version <");
        }
    }
}
