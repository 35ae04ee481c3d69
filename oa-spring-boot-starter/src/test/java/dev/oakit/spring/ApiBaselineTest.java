package dev.oakit.spring;

import dev.oakit.core.testing.ApiBaseline;
import org.junit.jupiter.api.Test;

/** The module's public API is the one in api/oa-spring-boot-starter.txt (docs/releasing.md, API compatibility). */
class ApiBaselineTest {
    @Test
    void publicApiMatchesTheCommittedBaseline() {
        ApiBaseline.check("oa-spring-boot-starter");
    }
}
