package dev.oakit.workflow;

import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

/**
 * Filter and page of the "cc'd to me" list (抄送我的), which is sorted newest first.
 *
 * @param filter all, only unread, or only read items; null means {@link ReadFilter#ALL}
 * @param page page number from 0
 * @param size page size 1..200
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CcQuery(ReadFilter filter, int page, int size) {
    /** Which items by read state. */
    public enum ReadFilter {
        /** Read and unread. */
        ALL,
        /** Only items not yet marked read (未读). */
        UNREAD,
        /** Only items marked read (已读). */
        READ
    }

    /** Validates; a null filter becomes {@link ReadFilter#ALL}. */
    public CcQuery {
        filter = filter == null ? ReadFilter.ALL : filter;
        if (page < 0) {
            throw ValidationException.of("page", "must be 0 or more, was " + page);
        }
        if (size < 1 || size > 200) {
            throw ValidationException.of("size", "must be between 1 and 200, was " + size);
        }
    }

    /** @return the first page of 20, read and unread */
    public static CcQuery firstPage() {
        return new CcQuery(ReadFilter.ALL, 0, 20);
    }

    /** @return the first page of 20 unread items */
    public static CcQuery unread() {
        return new CcQuery(ReadFilter.UNREAD, 0, 20);
    }

    /** @return a copy with another filter */
    public CcQuery filter(ReadFilter f) {
        return new CcQuery(f, page, size);
    }

    /** @return a copy for another page */
    public CcQuery page(int p, int s) {
        return new CcQuery(filter, p, s);
    }
}
