package dev.oakit.integration.pull;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.time.Duration;

/**
 * How to pull one remote entity type. Immutable.
 *
 * @param target the connector's id
 * @param entityType the entity type of one of its {@link dev.oakit.integration.spi.ChangeFeed}s
 * @param every how often to pull; null to pull only when asked ({@link ChangePulls#pullNow})
 * @param overlap how far behind the watermark each pull starts again, because a remote's clocks and
 *     commit order lag: a change stamped before the watermark may commit after it was read (default one minute)
 * @param pageSize records per call, 1 to 1000 (default 100)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PullSpec(String target, String entityType, Duration every, Duration overlap, Integer pageSize) {
    /** Fills defaults and checks values. */
    public PullSpec {
        Checks.id("target", target);
        Checks.id("entityType", entityType);
        overlap = overlap == null ? Duration.ofMinutes(1) : overlap;
        pageSize = pageSize == null ? 100 : pageSize;
        if (every != null && every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw ValidationException.of("every", "must be at least one second (or null to pull only when asked), was " + every);
        }
        if (overlap.isNegative() || overlap.compareTo(Duration.ofDays(1)) > 0) {
            throw ValidationException.of("overlap", "must be 0 to one day, was " + overlap);
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw ValidationException.of("pageSize", "must be 1 to 1000, was " + pageSize);
        }
    }

    /** @return a pull only when asked, with the default overlap and page size */
    public static PullSpec of(String target, String entityType) {
        return new PullSpec(target, entityType, null, null, null);
    }

    /** @return this spec pulling every {@code every} */
    public PullSpec every(Duration every) {
        return new PullSpec(target, entityType, every, overlap, pageSize);
    }

    /** @return this spec with an overlap */
    public PullSpec overlap(Duration overlap) {
        return new PullSpec(target, entityType, every, overlap, pageSize);
    }

    /** @return this spec with a page size */
    public PullSpec pageSize(int pageSize) {
        return new PullSpec(target, entityType, every, overlap, pageSize);
    }
}
