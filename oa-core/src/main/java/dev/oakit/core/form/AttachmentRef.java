package dev.oakit.core.form;

import org.apiguardian.api.API;

import java.util.Objects;

/**
 * A reference to an uploaded file as normalized form data. The file itself lives in the host's
 * storage; forms only carry the reference. Immutable and thread-safe.
 *
 * @param id the host's file id or reference; never null
 * @param name file name shown to users; may be null
 * @param size size in bytes; may be null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AttachmentRef(String id, String name, Long size) {
    /** Rejects a null id. */
    public AttachmentRef {
        Objects.requireNonNull(id, "id");
    }
}
