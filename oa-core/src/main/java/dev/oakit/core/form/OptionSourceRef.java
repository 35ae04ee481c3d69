package dev.oakit.core.form;

import org.apiguardian.api.API;

import java.util.Objects;

/**
 * Where a select or multi-select field takes its options from when they are not listed in the form: an
 * {@link dev.oakit.core.form.spi.OptionSource} a plugin contributed, by id, and what the source should read
 * (for instance the ERP connector whose synced vendors are offered). Written
 * {@code "options": {"source": "erp.vendor", "target": "erpnext"}} in a definition. Immutable and thread-safe.
 *
 * @param source the id of the option source; never null
 * @param target what the source reads, as the source documents it; may be null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OptionSourceRef(String source, String target) {
    /** Rejects a null source. */
    public OptionSourceRef {
        Objects.requireNonNull(source, "source");
    }
}
