package dev.oakit.fakes.salesforce;

import dev.oakit.core.testing.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The module's public API is the one in api/oa-crm-fakes.txt (docs/releasing.md, API compatibility). */
class ApiBaselineTest {
    @Test
    void publicApiMatchesTheCommittedBaseline() {
        ApiBaseline.check("oa-crm-fakes");
    }
}
