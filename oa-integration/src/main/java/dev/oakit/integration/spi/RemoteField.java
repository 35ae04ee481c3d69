package dev.oakit.integration.spi;

import dev.oakit.integration.mapping.FieldType;
import org.apiguardian.api.API;

import java.util.Objects;

/**
 * One remote field.
 *
 * @param name its name ({@code supplier}, {@code partner_id})
 * @param type its type in the mapping's terms; null when it has none there (an attachment, a button), which any value fits
 * @param remoteType the remote's own name of the type ({@code Link}, {@code many2one}), for reports
 * @param required whether the remote requires a value
 * @param label its label, or null; a report uses it to point at a field that was renamed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RemoteField(String name, FieldType type, String remoteType, boolean required, String label) {
    /** Checks the name. */
    public RemoteField {
        Objects.requireNonNull(name, "name");
    }
}
