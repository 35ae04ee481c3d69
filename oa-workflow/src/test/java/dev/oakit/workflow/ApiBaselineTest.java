package dev.oakit.workflow;

import dev.oakit.core.testing.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The module's public API is the one in api/oa-workflow.txt (docs/releasing.md, API compatibility). */
class ApiBaselineTest {
    @Test
    void publicApiMatchesTheCommittedBaseline() {
        ApiBaseline.check("oa-workflow");
    }
}
