package dev.oakit.testing.spring;

import dev.oakit.testing.base.TestClock;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * oa-testing over the OAKit of a Spring Boot test's context, written next to {@code @SpringBootTest}: the context
 * gets a {@link dev.oakit.testing.base.TestClock} (the {@code @Primary} {@code Clock} bean, which the starter builds
 * OAKit on) and an {@link dev.oakit.testing.OaTestKit} bean over the starter's OAKit ({@code @Autowired}); each
 * test method runs with it as the current kit of {@code OaAssertions.assertThat(instance)}. The job workers poll
 * every 20 ms ({@code oakit.jobs.poll-interval}), so {@code kit.runDueJobs()} returns soon after the clock moved.
 * The tenant the kit acts in is {@code oakit.testing.tenant}, else the first of {@code oakit.tenants}, else
 * {@code acme}. The context, its OAKit and its clock are shared by the test classes of one configuration, as
 * Spring caches contexts: move the clock forward only, and give each test its own data.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(OaKitTestConfiguration.class)
@TestPropertySource(properties = "oakit.jobs.poll-interval=20ms")
@ExtendWith(OaKitSpringExtension.class)
public @interface OaKitSpringTest {
}
