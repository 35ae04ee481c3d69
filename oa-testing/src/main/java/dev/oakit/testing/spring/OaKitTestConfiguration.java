package dev.oakit.testing.spring;

import dev.oakit.core.OaKit;
import dev.oakit.testing.OaKitHostExtension;
import dev.oakit.testing.OaTestKit;
import dev.oakit.testing.base.TestClock;
import org.apiguardian.api.API;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * The beans {@link OaKitSpringTest} adds to a test's context: the {@link TestClock} OAKit runs on and the
 * {@link OaTestKit} over the starter's OAKit.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Configuration(proxyBeanMethods = false)
public class OaKitTestConfiguration {
    /** @return the clock OAKit is built on: {@code @Primary}, so it wins over a {@code Clock} bean of the host's */
    @Bean
    @Primary
    public TestClock oaKitTestClock() {
        return new TestClock();
    }

    /** @return the test kit over the context's OAKit, acting in {@code oakit.testing.tenant}, else the first of {@code oakit.tenants} */
    @Bean
    public OaTestKit oaTestKit(OaKit oaKit, TestClock clock, Environment environment, ObjectProvider<DataSource> dataSource) {
        String tenant = environment.getProperty("oakit.testing.tenant", environment.getProperty("oakit.tenants[0].id", "acme"));
        return OaKitHostExtension.kit(oaKit, clock, tenant, dataSource.getIfUnique());
    }
}
