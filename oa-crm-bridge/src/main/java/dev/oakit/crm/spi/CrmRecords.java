package dev.oakit.crm.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.spi.RemoteRecord;
import org.apiguardian.api.API;

import java.util.Objects;

/**
 * The CRM-neutral records of a {@link CrmConnector}'s feeds as JSON: a connector writes each record's
 * payload with {@link #payload}, the flows read it back with {@link #read}. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CrmRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrmRecords() {
    }

    /** @return the record as a feed's payload */
    public static String payload(Record record) {
        try {
            return JSON.writeValueAsString(Objects.requireNonNull(record, "record"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CRM record is always JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param record a record of a {@link CrmConnector}'s feed
     * @param type the record type of that feed ({@link dev.oakit.crm.CrmAccount} for {@link CrmConnector#ACCOUNTS}, …)
     * @return the record
     * @throws ValidationException naming the feed when the payload is not such a record
     */
    public static <R extends Record> R read(RemoteRecord record, Class<R> type) {
        if (record.payload() == null) {
            throw ValidationException.of("payload", "record '" + record.externalId() + "' of feed '" + record.entityType() + "' has no payload");
        }
        try {
            return JSON.readValue(record.payload(), type);
        } catch (JsonProcessingException e) {
            throw ValidationException.of("payload", "record '" + record.externalId() + "' of feed '" + record.entityType() + "' is not a "
                    + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
