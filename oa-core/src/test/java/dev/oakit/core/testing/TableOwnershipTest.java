package dev.oakit.core.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared SQL ownership check finds other modules' tables in literals and SQL files, and only there. */
class TableOwnershipTest {
    @Test
    void findsOtherModulesTablesInStringLiteralsTextBlocksAndSqlFilesButNotInComments(@TempDir Path module) throws Exception {
        Path java = Files.createDirectories(module.resolve("src/main/java/x"));
        Files.writeString(java.resolve("Repo.java"), """
                package x;
                /** Reads oa_core_user through the directory, never by SQL. */
                class Repo {
                    char quote = '"'; // oa_core_comment
                    String own = "SELECT * FROM oa_wf_task t";
                    String block = \"""
                            SELECT j.id FROM oa_wf_task t
                            JOIN oa_core_job j ON j.id = t.id\""";
                    String escaped = "say \\"oa_tk_ticket\\" and \\\\";
                    /* oa_core_audit in a block
                       comment */ String after = "x.oa_crm_account";
                    String notATable = "boa_core_x and oa_ and oa_wf_";
                }
                """);
        Path sql = Files.createDirectories(module.resolve("src/main/resources/db"));
        Files.writeString(sql.resolve("V1__init.sql"), """
                -- copies oa_core_membership once
                CREATE TABLE oa_wf_x (id INT);
                INSERT INTO oa_wf_x SELECT 1 FROM oa_core_membership; -- oa_tk_comment
                """);

        ModuleSources sources = ModuleSources.of(module);
        assertThat(TableOwnership.violations(sources, "oa_wf_")).containsExactly(
                "src/main/java/x/Repo.java:8 names oa_core_job (tables oa_core_* belong to another module)",
                "src/main/java/x/Repo.java:9 names oa_tk_ticket (tables oa_tk_* belong to another module)",
                "src/main/java/x/Repo.java:11 names oa_crm_account (tables oa_crm_* belong to another module)",
                "src/main/resources/db/V1__init.sql:3 names oa_core_membership (tables oa_core_* belong to another module)");
        assertThatThrownBy(() -> TableOwnership.assertOnlyOwnTables(sources, "oa_wf_")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("names 4 table(s) of other modules").hasMessageContaining("oa_core_membership");
        assertThat(TableOwnership.violations(sources, "oa_core_")).hasSize(6); // oa_wf_task twice, oa_wf_x twice, oa_tk_, oa_crm_
    }

    @Test
    void aModuleWithoutSourcesIsAnErrorNotAPass(@TempDir Path empty) {
        assertThatThrownBy(() -> ModuleSources.of(empty)).hasMessageContaining("no main Java sources");
    }
}
