package dev.oakit.integration.spi;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Where a page of a {@link ChangeFeed} starts: the records whose version is at least {@link #version()},
 * in the order (version, external id), skipping the first {@link #skip()} of them. The skip lets a
 * pull page through many records that share one version (a bulk update stamped in one second). Immutable.
 *
 * @param version the smallest version to read
 * @param skip how many records of that order to leave out first; 0 or more
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Watermark(long version, int skip) {
    /** Checks the skip. */
    public Watermark {
        if (skip < 0) {
            throw ValidationException.of("skip", "must be 0 or more, was " + skip);
        }
    }

    /**
     * @param page a non-empty page read from this watermark
     * @return the next page's start: after the page's last record, counting the records that share its version
     */
    public Watermark next(List<RemoteRecord> page) {
        long last = page.get(page.size() - 1).version();
        if (last == version) {
            return new Watermark(last, skip + page.size());
        }
        return new Watermark(last, (int) page.stream().filter(r -> r.version() == last).count());
    }

    /** @return the start of a pull at a version */
    public static Watermark at(long version) {
        return new Watermark(version, 0);
    }
}
