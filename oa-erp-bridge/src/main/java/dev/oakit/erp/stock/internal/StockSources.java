package dev.oakit.erp.stock.internal;

import dev.oakit.erp.stock.spi.StockSource;

import java.util.List;

/** The stock sources the bridge was given. Immutable. */
public record StockSources(List<StockSource> all) {
    /** Copies the list. */
    public StockSources {
        all = List.copyOf(all);
    }
}
