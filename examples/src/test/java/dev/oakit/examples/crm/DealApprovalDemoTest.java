package dev.oakit.examples.crm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DealApprovalDemoTest {
    @Test
    void aDiscountIsDecidedInOakitAndWrittenBackOnceAndAStaleDecisionIsNotApplied(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failed = DealApprovalDemo.run(dir.resolve("crm"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(out).isZero();
        assertThat(out).contains("[ok] the decision and both comments are on the quote, written once")
                .contains("[ok] the stale decision was not applied; the new version's decision was");
    }
}
