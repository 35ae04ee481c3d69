package dev.oakit.erp.masterdata;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.testing.CountingDataSource;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A page of master data costs a fixed number of statements, however many records it holds. */
class MasterDataStatementsTest {
    static final Actor SYSTEM = Actor.system("t1");

    @DbTest
    void aSyncCostsAFixedNumberOfStatementsPerPageNotPerRecord(TestDatabase db) {
        MasterErp erp = MasterErp.erpNext(db);
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        // no job workers and no audit sealing polling the database while the sync is counted
        OaKit oa = MasterDataSyncTest.start(db, counting, erp, b -> b.config("core", java.util.Map.of("jobs", java.util.Map.of("enabled", false),
                "audit", java.util.Map.of("sealInterval", "PT0S"))));
        MasterData md = oa.service(MasterData.class);
        counting.logging(true);
        statements(counting, erp, md, 1); // the tenant's first command, the kind's first sync
        assertThat(counting.log()).as("a first sync inserts without reading the stored versions (there are none)")
                .noneMatch(sql -> sql.startsWith("SELECT external_id, version FROM oa_erp_master"));
        counting.logging(false);

        long small = statements(counting, erp, md, 10);
        counting.logging(true);
        long large = statements(counting, erp, md, 1200); // three pages of 500
        List<String> log = counting.log();
        counting.logging(false);
        long changed = statementsOfChanges(counting, erp, md);

        assertThat(small).as("10 new vendors, one page").isLessThanOrEqualTo(7);
        long perPage = small - 1; // a sync reads where it stands once, then each page costs the same
        assertThat(large).as("1200 new vendors, three pages of as many statements as the page of 10").isEqualTo(1 + 3 * perPage);
        assertThat(log.stream().filter(sql -> sql.startsWith("INSERT INTO oa_erp_master ")))
                .as("the new records of a page in one multi-row insert, not a batch the server runs row by row").hasSize(3);
        assertThat((double) large / 1200).as("statements per record").isLessThan(0.05);
        assertThat(changed).as("10 changes and the 1200 of the watermark's last minute read again: three pages, nothing inserted")
                .isLessThanOrEqualTo(3 * small);
    }

    private static long statements(CountingDataSource counting, MasterErp erp, MasterData md, int vendors) {
        erp.clock.advance(Duration.ofHours(1));
        for (int i = 0; i < vendors; i++) {
            erp.vendor("V" + vendors + "-" + i);
        }
        counting.reset();
        SyncReport r = md.sync(SYSTEM, erp.target(), MasterKind.VENDOR);
        long n = counting.count();
        assertThat(r.applied()).isEqualTo(vendors);
        return n;
    }

    /** Ten renamed vendors, read with the 1200 stamped in the watermark's last minute. */
    private static long statementsOfChanges(CountingDataSource counting, MasterErp erp, MasterData md) {
        erp.clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            erp.renameVendor("V10-" + i, "Renamed " + i);
        }
        counting.reset();
        SyncReport r = md.sync(SYSTEM, erp.target(), MasterKind.VENDOR);
        assertThat(r.applied()).isEqualTo(10);
        return counting.count();
    }
}
