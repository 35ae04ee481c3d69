package dev.oakit.integration.spi;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * Where a page of a {@link ChangeFeed} starts: the records whose version is at least {@link #version()},
 * in the order (version, external id), skipping the first {@link #skip()} of them. The skip lets a
 * pull page through many records that share one version (a bulk update stamped in one second). Immutable.
 *
 * @param version the smallest version to read
 * @param skip how many records of that order to leave out first; 0 or more
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Watermark(long version, int skip) {
    /** Checks the skip. */
    public Watermark {
        if (skip < 0) {
            throw ValidationException.of("skip", "must be 0 or more, was " + skip);
        }
    }

    /** @return the start of a pull at a version */
    public static Watermark at(long version) {
        return new Watermark(version, 0);
    }
}
