package dev.oakit.erp;

import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.spi.MasterFeed;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;

import java.util.List;

/**
 * Master data a test starts with, read by a sync like any feed's: the vendors and cost centres the
 * requisition form offers (their ids are their names, as ERPNext's usually are), one of each kind disabled.
 */
public record SeededMaster(String target, MasterKind kind, String entityType, List<String> active, List<String> inactive)
        implements MasterFeed {

    /** @return the vendors (Acme Supplies active, Old Supplies disabled) and cost centres (Workshop, and as the fake ERPNext names them Workshop - AC, Depot - AC, Garage - AC) of a connector */
    public static List<MasterFeed> of(String target) {
        return List.of(new SeededMaster(target, MasterKind.VENDOR, "Supplier", List.of("Acme Supplies"), List.of("Old Supplies")),
                new SeededMaster(target, MasterKind.COST_CENTRE, "CostCenter", List.of("Workshop",
                        "Workshop - AC", "Depot - AC", "Garage - AC"), List.of("Closed Shop")));
    }

    @Override
    public List<RemoteRecord> since(CallContext call, Watermark from, int limit) {
        return java.util.stream.Stream.concat(active.stream().map(n -> n + "|1"), inactive.stream().map(n -> n + "|0"))
                .map(p -> new RemoteRecord(entityType, p.substring(0, p.indexOf('|')), 1, null, p)).toList();
    }

    @Override
    public MasterValues values(RemoteRecord record) {
        return new MasterValues(record.externalId(), null, record.payload().endsWith("|1"));
    }
}
