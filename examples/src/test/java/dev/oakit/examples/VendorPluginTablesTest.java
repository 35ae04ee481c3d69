package dev.oakit.examples;

import dev.oakit.core.testing.ModuleSources;
import dev.oakit.core.testing.TableOwnership;
import org.junit.jupiter.api.Test;

/**
 * The vendor plugin written only against the SPI (meeting rooms) owns its tables and reaches
 * OAKit's data through the API and SPI alone: the examples' SQL names no table but {@code oa_rooms_*}.
 */
class VendorPluginTablesTest {
    @Test
    void theExamplesSqlNamesOnlyTheVendorPluginsOwnTables() {
        TableOwnership.assertOnlyOwnTables(ModuleSources.ofThisModule(), "oa_rooms_");
    }
}
