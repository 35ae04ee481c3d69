package dev.oakit.testing.spring;

import dev.oakit.testing.OaKitHostExtension;
import dev.oakit.testing.OaTestKit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit 5 extension behind {@link OaKitSpringTest}: the test context's {@link OaTestKit} bean becomes the current
 * kit of each test method, looked up in the method's test context (a context rebuilt after {@code @DirtiesContext} gives
 * its own kit); Spring builds, starts and closes it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OaKitSpringExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final OaKitHostExtension delegate = OaKitHostExtension.borrowing(
            context -> SpringExtension.getApplicationContext(context).getBean(OaTestKit.class));

    /** Nothing: the kit is looked up for each method, so a context Spring rebuilt ({@code @DirtiesContext}) is the one used. */
    @Override
    public void beforeAll(ExtensionContext context) {
    }

    /** Nothing: Spring closes its contexts. */
    @Override
    public void afterAll(ExtensionContext context) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        delegate.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        delegate.afterEach(context);
    }
}
