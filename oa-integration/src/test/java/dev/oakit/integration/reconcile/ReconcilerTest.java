package dev.oakit.integration.reconcile;

import dev.oakit.integration.ExternalRef;
import dev.oakit.integration.IdLink;
import dev.oakit.integration.RemoteWrite;
import dev.oakit.integration.WriteStatus;
import dev.oakit.integration.internal.reconcile.Csv;
import dev.oakit.integration.internal.reconcile.Reconciler;
import dev.oakit.integration.reconcile.Finding.Kind;
import dev.oakit.integration.spi.RemoteRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison over each kind of difference, and its CSV read back by an independent RFC 4180 parser. */
class ReconcilerTest {
    static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    static RemoteRecord remote(String id, String key) {
        return new RemoteRecord("Purchase Order", id, 1, key, null);
    }

    static RemoteWrite write(long id, String key, WriteStatus status, String remoteId) {
        return new RemoteWrite(id, "erp", "purchase-order", key, "pr-" + id, "{}", status, remoteId, 1, 1, null, null, null, T, T);
    }

    @Test
    void findsEachKindOfDifference() {
        List<RemoteRecord> remote = List.of(remote("PO-1", "K1"), remote("PO-2", "K2"), remote("PO-2b", "K2"), remote("PO-9", "K9"),
                remote("PO-4", "K4"), remote("PO-5", null));
        List<RemoteWrite> writes = List.of(write(1, "K1", WriteStatus.CONFIRMED, "PO-1"), write(2, "K2", WriteStatus.CONFIRMED, "PO-2"),
                write(3, "K3", WriteStatus.CONFIRMED, "PO-3"), write(4, "K4", WriteStatus.CONFIRMED, "PO-40"),
                write(5, "K5", WriteStatus.UNKNOWN, null));
        List<IdLink> links = List.of(new IdLink(ExternalRef.of("erp", "Purchase Order", "PO-1"), "pr-1", T),
                new IdLink(ExternalRef.of("erp", "Purchase Order", "PO-7"), "pr-7", T));
        List<Finding> found = Reconciler.compare(remote, links, writes,
                (local, r) -> local.equals("pr-1") ? List.of("amount: OAKit 10.00, remote 12.00") : List.of());
        assertThat(found).extracting(Finding::kind, Finding::externalId, Finding::key, Finding::localId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.DUPLICATE, "PO-2", "K2", "pr-2"),
                org.assertj.core.groups.Tuple.tuple(Kind.DUPLICATE, "PO-2b", "K2", "pr-2"),
                org.assertj.core.groups.Tuple.tuple(Kind.WRITE_MISMATCH, "PO-40", "K4", "pr-4"),
                org.assertj.core.groups.Tuple.tuple(Kind.REMOTE_ORPHAN, "PO-9", "K9", null),
                org.assertj.core.groups.Tuple.tuple(Kind.WRITE_MISSING, "PO-3", "K3", "pr-3"),
                org.assertj.core.groups.Tuple.tuple(Kind.FIELD_DIFFERS, "PO-1", "K1", "pr-1"),
                org.assertj.core.groups.Tuple.tuple(Kind.LINK_MISSING, "PO-7", null, "pr-7"));
        assertThat(Reconciler.compare(remote, List.of(), null, (l, r) -> List.of())).as("a feed without a create operation: keys not checked")
                .isEmpty();
    }

    @Property(tries = 200)
    void theCsvReadsBackFieldForField(@ForAll String externalId, @ForAll String detail) throws IOException {
        List<Finding> findings = List.of(new Finding(Kind.LINK_MISSING, externalId, null, "pr,1", detail));
        String csv = Csv.of("erp", "Purchase Order", findings);
        assertThat(csv).endsWith("\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(1);
        CSVRecord r = rows.get(0);
        assertThat(r.toMap().keySet()).containsExactlyElementsOf(Csv.HEADER);
        assertThat(r.get("kind")).isEqualTo("LINK_MISSING");
        assertThat(r.get("entity_type")).isEqualTo("Purchase Order");
        assertThat(r.get("external_id")).isEqualTo(externalId);
        assertThat(r.get("key")).isEmpty();
        assertThat(r.get("local_id")).isEqualTo("pr,1");
        assertThat(r.get("detail")).isEqualTo(detail);
    }
}
