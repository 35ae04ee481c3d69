package dev.oakit.testing;

import dev.oakit.core.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A missing host function or a bad tenant is refused where the test declares it, naming the argument. */
class HostExtensionArgumentsTest {
    @Test
    void a_null_host_function_is_refused_at_declaration() {
        assertThatThrownBy(() -> OaKitHostExtension.of(null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("host").hasMessageContaining("clock ->");
        assertThatThrownBy(() -> OaKitHostExtension.guice(null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("host").hasMessageContaining("Guice.createInjector");
        assertThatThrownBy(() -> OaKitHostExtension.borrowing(null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("kit");
    }

    @Test
    void a_null_or_blank_tenant_is_refused_at_declaration() {
        OaKitHostExtension extension = OaKitHostExtension.of(clock -> null);
        assertThatThrownBy(() -> extension.tenant(null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("tenant");
        assertThatThrownBy(() -> extension.tenant(" "))
                .isInstanceOf(ValidationException.class).hasMessageContaining("tenant");
    }
}
