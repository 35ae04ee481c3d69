package dev.oakit.examples.spring;

import dev.oakit.testing.OaKitExtension;
import dev.oakit.testing.OaTestKit;
import dev.oakit.testing.spring.OaKitSpringTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** After {@code @DirtiesContext}, the current kit is the rebuilt context's, not the closed one's. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:dirtied-context;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64")
@SpringBootTest
@OaKitSpringTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirtiedContextTest {
    @Autowired
    OaTestKit kit;

    @Test
    @Order(1)
    @DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
    void theFirstMethodClosesItsContextAfterwards() {
        assertThat(OaKitExtension.current()).isSameAs(kit);
    }

    @Test
    @Order(2)
    void theNextMethodActsOnTheRebuiltContextsKit() {
        assertThat(OaKitExtension.current()).isSameAs(kit);
        assertThat(kit.oa().isRunning()).isTrue();
    }
}
