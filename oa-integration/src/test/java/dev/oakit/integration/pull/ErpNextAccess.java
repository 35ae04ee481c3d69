package dev.oakit.integration.pull;

import dev.oakit.fakes.erpnext.FakeErpNext;
import dev.oakit.integration.spi.Connector;

/** The tests' ERPNext connector, for tests of other packages. */
public final class ErpNextAccess {
    private ErpNextAccess() {
    }

    /** @return a connector {@code erpnext} to the fake, with change feeds of Supplier and Purchase Order */
    public static Connector connector(FakeErpNext erp) {
        return new ErpNextConnector(erp.baseUri(), erp.tokenHeader());
    }
}
