package dev.oakit.erp.spi;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

/**
 * A document in the ERP as people know it.
 *
 * @param number the document's number, e.g. {@code P00012} or {@code PUR-ORD-2026-00001}
 * @param url the link that opens it in the ERP
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DocumentLink(String number, String url) {
    /** Checks the components. */
    public DocumentLink {
        Checks.text("number", number, 140);
        Checks.text("url", url, 1000);
    }
}
