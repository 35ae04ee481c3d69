package dev.oakit.integration.write;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** The fake order service for tests in other packages. */
public final class FakeOrdersAccess implements AutoCloseable {
    private final FakeOrders fake;

    public FakeOrdersAccess() throws IOException {
        fake = new FakeOrders();
    }

    public URI uri() {
        return fake.uri();
    }

    /** @return key → order id */
    public Map<String, String> orders() {
        return Map.copyOf(fake.orders);
    }

    @Override
    public void close() {
        fake.close();
    }
}
