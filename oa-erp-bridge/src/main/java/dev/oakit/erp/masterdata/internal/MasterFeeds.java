package dev.oakit.erp.masterdata.internal;

import dev.oakit.core.ValidationException;
import dev.oakit.erp.ErpErrors;
import dev.oakit.erp.masterdata.MasterKind;
import dev.oakit.erp.masterdata.spi.MasterFeed;

import java.util.List;

/** The master-data feeds the bridge was given, by target and kind. Immutable. */
public record MasterFeeds(List<MasterFeed> all) {
    /** Copies the list. */
    public MasterFeeds {
        all = List.copyOf(all);
    }

    /** @return the feed of a target and kind */
    public MasterFeed require(String target, MasterKind kind) {
        return all.stream().filter(f -> f.target().equals(target) && f.kind() == kind).findFirst().orElseThrow(() -> new ValidationException(
                ErpErrors.NO_MASTER_FEED, "master-data sync", List.of(new ValidationException.Problem("kind", "the ERP bridge has no " + kind
                        + " feed of target '" + target + "'; its feeds are " + all.stream().map(f -> f.target() + "/" + f.kind()).toList()
                        + "; give one with ErpBridgePlugin.masterData(...)"))));
    }
}
