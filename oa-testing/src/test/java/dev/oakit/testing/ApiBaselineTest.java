package dev.oakit.testing;

import dev.oakit.core.testing.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The module's public API is the one in api/oa-testing.txt, and oa-testing-base's in api/oa-testing-base.txt (docs/releasing.md, API compatibility). */
class ApiBaselineTest {
    @Test
    void publicApiMatchesTheCommittedBaseline() {
        ApiBaseline.check("oa-testing");
    }

    /** oa-testing-base's own tests cannot hold the check: oa-core's test kit, which holds it, depends on that module. */
    @Test
    void theTestKitBaseApiMatchesItsCommittedBaseline() {
        ApiBaseline.check("oa-testing-base");
    }
}
