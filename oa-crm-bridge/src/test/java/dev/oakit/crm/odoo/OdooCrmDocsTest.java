package dev.oakit.crm.odoo;

import dev.oakit.core.testing.DocSnippets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Odoo and flow code of docs/crm-bridge.md is the flow tests' code, compiled and run by them. */
class OdooCrmDocsTest {
    @Test
    void theDocShowsTheCompiledCode() {
        assertThat(DocSnippets.assertShown(Path.of("../docs/crm-bridge.md"), Path.of("src/test/java/dev/oakit/crm/odoo/OdooFlowSetup.java")))
                .containsExactly("odoo", "install", "pulls");
        assertThat(DocSnippets.assertShown(Path.of("../docs/crm-bridge.md"),
                Path.of("src/test/java/dev/oakit/crm/odoo/OdooCustomersFlowTest.java"))).containsExactly("contact");
        assertThat(DocSnippets.assertShown(Path.of("../docs/crm-bridge.md"),
                Path.of("src/test/java/dev/oakit/crm/odoo/OdooWebhooksTest.java"))).containsExactly("mount");
    }
}
