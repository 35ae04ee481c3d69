package dev.oakit.testing.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClasspathDefinitionsTest {
    @Test
    void readsTheFolderAndNamesTheFileThatCannotBeRead() {
        assertThat(ClasspathDefinitions.load("oakit/processes")).extracting(d -> d.key()).containsExactly("leave");
        assertThat(ClasspathDefinitions.load("/oakit/processes/")).hasSize(1);
        assertThat(ClasspathDefinitions.load("oakit/none")).isEmpty();
        assertThat(ClasspathDefinitions.load("")).isEmpty();
        assertThatThrownBy(() -> ClasspathDefinitions.load("oakit/broken")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("process definition ").hasMessageContaining("oakit/broken/broken.yaml cannot be read");
    }
}
