package dev.oakit.core.form;

import org.apiguardian.api.API;

/**
 * What an actor may do with one top-level form field at one step (for example at an approval
 * node). Used by {@link FormAccess}. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FieldAccess {
    /** Not shown; absent when reading; a write must not change it. */
    HIDDEN,
    /** Shown; a write must not change it. */
    READ_ONLY,
    /** Shown and may be changed; required only if the schema says so. */
    EDITABLE,
    /** Shown, may be changed, and must have a value after the write whatever the schema says. */
    REQUIRED
}
