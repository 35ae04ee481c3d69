package dev.oakit.erp;

import dev.oakit.core.testing.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The module's public API is the one in api/oa-erp-bridge.txt (docs/releasing.md, API compatibility). */
class ApiBaselineTest {
    @Test
    void publicApiMatchesTheCommittedBaseline() {
        ApiBaseline.check("oa-erp-bridge");
    }
}
