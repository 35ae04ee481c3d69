package dev.oakit.crm.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Column values of the bridge's tables. */
final class Rows {
    private Rows() {
    }

    /** A timestamp as the {@code ${ts}} columns store it: UTC, without a zone. */
    static LocalDateTime db(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
