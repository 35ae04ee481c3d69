package dev.oakit.core.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared error-code check finds undocumented, misnamed and repeated codes, and codes spelled out elsewhere. */
class ErrorCodeRulesTest {
    /** Codes as the rule wants them, plus one of each mistake. */
    public static final class SampleErrors {
        /** Documented and named after itself. */
        public static final String GOOD = "OA-X/GOOD";
        public static final String UNDOCUMENTED = "OA-X/UNDOCUMENTED";
        /** Named after something else. */
        public static final String MISNAMED = "OA-X/OTHER";
        /** Repeats GOOD. */
        public static final String AGAIN = "OA-X/GOOD";
        /** Not constant. */
        public static String loose = "OA-X/LOOSE";

        private SampleErrors() {
        }
    }

    @Test
    void findsEveryKindOfMistake(@TempDir Path module) throws Exception {
        Path pkg = Files.createDirectories(module.resolve("src/main/java/dev/oakit/core/testing"));
        // this very file holds SampleErrors: its source goes along, as a module's would
        Files.copy(Path.of("src/test/java/dev/oakit/core/testing/ErrorCodeRulesTest.java"), pkg.resolve("ErrorCodeRulesTest.java"));
        Files.writeString(pkg.resolve("Service.java"), """
                package dev.oakit.core.testing;
                /** Throws OA-X/GOOD (a comment may name a code). */
                class Service {
                    void run() {
                        throw new IllegalStateException("OA-X/GOOD");
                    }
                    String fine = SampleErrors.GOOD;
                }
                """);
        ModuleSources sources = ModuleSources.of(module);
        assertThat(ErrorCodeRules.problems(sources, SampleErrors.class, "OA-X")).containsExactlyInAnyOrder(
                "UNDOCUMENTED has no javadoc saying what it means",
                "MISNAMED is 'OA-X/OTHER'; a code is its prefix and its constant's name: 'OA-X/MISNAMED'",
                "AGAIN is 'OA-X/GOOD'; a code is its prefix and its constant's name: 'OA-X/AGAIN'",
                "AGAIN repeats the code 'OA-X/GOOD'",
                "loose is not a public static final String code",
                "src/main/java/dev/oakit/core/testing/Service.java:5 spells out the code 'OA-X/GOOD'; use the constant of its module's codes class");
    }
}
