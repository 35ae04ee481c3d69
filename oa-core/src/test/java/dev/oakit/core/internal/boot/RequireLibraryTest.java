package dev.oakit.core.internal.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** requireLibrary looks through the plugin's class loader and wants a purpose to put in its message. */
class RequireLibraryTest {
    private final List<String> problems = new ArrayList<>();

    private PluginContextImpl context(ClassLoader pluginLoader) {
        return new PluginContextImpl("mail", null, new ObjectMapper(), problems, pluginLoader);
    }

    @Test
    void a_library_only_the_plugins_child_loader_sees_is_present(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("lib/Hidden.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package lib; public class Hidden {}");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString())).isZero();
        try (URLClassLoader child = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThat(OptionalLibraries.present(getClass().getClassLoader(), "lib.Hidden")).isFalse();

            assertThat(context(child).requireLibrary("lib.Hidden", "com.example:hidden", "the hidden library")).isTrue();
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void a_missing_library_is_a_problem_naming_the_dependency() {
        assertThat(context(getClass().getClassLoader()).requireLibrary("lib.Absent", "com.example:absent", "the absent library"))
                .isFalse();
        assertThat(problems).singleElement().asString()
                .contains("plugin 'mail' needs the absent library", "lib.Absent", "add the dependency com.example:absent");
    }

    @Test
    void a_missing_purpose_is_a_problem_saying_what_to_pass() {
        assertThat(context(getClass().getClassLoader()).requireLibrary("java.lang.String", "none:none", null)).isFalse();
        assertThat(problems).singleElement().asString().contains("plugin 'mail' passed no purpose to requireLibrary");
    }
}
