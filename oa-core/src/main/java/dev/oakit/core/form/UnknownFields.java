package dev.oakit.core.form;

import org.apiguardian.api.API;

/**
 * What validation does with keys in form data (or in table rows) that the schema does not define.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum UnknownFields {
    /** Each unknown key is a problem at its path (the default). */
    REJECT,
    /** Unknown keys are allowed and dropped from normalized data. */
    IGNORE
}
