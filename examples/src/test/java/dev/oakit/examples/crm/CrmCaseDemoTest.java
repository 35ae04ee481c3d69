package dev.oakit.examples.crm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CrmCaseDemoTest {
    @Test
    void aSalesforceCaseIsHandledAsATicketEndToEnd(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failed = CrmCaseDemo.run(dir.resolve("crm-case"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(out).isZero();
        assertThat(out).contains("[ok] the case is a complaint in the care queue, from Wang")
                .contains("[ok] the customer's comment is the requester's reply on the ticket")
                .contains("[ok] reply, status and resolution are on the case once; each comment is on the other side once")
                .contains("published comment by OAKit Integration").contains("requester's reply \"Monday 9:00 suits us, thank you.\"");
    }
}
