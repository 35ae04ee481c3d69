package dev.oakit.crm;

import dev.oakit.core.testing.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The module's public API is the one in api/oa-crm-bridge.txt (docs/releasing.md, API compatibility). */
class ApiBaselineTest {
    @Test
    void publicApiMatchesTheCommittedBaseline() {
        ApiBaseline.check("oa-crm-bridge");
    }
}
