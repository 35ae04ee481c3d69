package dev.oakit.examples;

import dev.oakit.core.audit.AuditLog;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest {
    @Test
    void theMainJobRunsAndAllItsChecksPass(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failed = Demo.run(dir.resolve("demo"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(failed).as(out).isZero();
        assertThat(out).contains("all checks passed").doesNotContain("FAILED");
        assertThat(out).contains("[ok] exactly one purchase order for the requisition after the crash");
        Matcher held = Pattern.compile("it holds (\\d+), (\\d+) with key OA-acme-PR-\\d+").matcher(out);
        assertThat(held.find()).as(out).isTrue();
        assertThat(held.group(2)).as("purchase orders with the crashed requisition's key, counted in the fake ERPNext").isEqualTo("1");
        assertThat(held.group(1)).as("purchase orders in the fake ERPNext: one per requisition").isEqualTo("2");
        assertThat(out).as("readable lines, no record dumps such as Deployment[id=1, ...]")
                .doesNotContainPattern("[A-Z][A-Za-z]+\\[[a-z][A-Za-z]*=");
        assertThat(out).contains("[ok] a second import of the same file changes nothing")
                .contains("[ok] a user who is not in the directory is refused");
        String auditSection = out.substring(out.indexOf("== 6. Audit log"), out.indexOf("== 7."));
        Matcher seq = Pattern.compile("#(\\d+) ").matcher(auditSection);
        long previous = 0;
        int entries = 0;
        while (seq.find()) {
            long n = Long.parseLong(seq.group(1));
            assertThat(n).as("the audit section lists entries oldest first:\n" + auditSection).isGreaterThan(previous);
            previous = n;
            entries++;
        }
        assertThat(entries).as(auditSection).isGreaterThan(1);
    }

    @Test
    void plainJavaEmbeddingExampleRuns(@TempDir Path dir) {
        assertThat(EmbeddingExample.plainJava(dir)).isZero();
    }

    @DbTest
    void guiceEmbeddingExampleRuns(TestDatabase db) {
        AuditLog audit = EmbeddingExample.guice(db.dataSource());
        assertThat(audit).isNotNull();
    }
}
