package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One declared conversion of a value between the local document and the remote payload. Pure and
 * thread-safe; a value it cannot convert is an {@link IllegalArgumentException} whose message says
 * what is wrong with the value and what to do.
 */
interface Transform {
    /**
     * What a transform is called and the type it reads and produces.
     *
     * @param name the name a mapping document uses
     * @param type the local type it reads and the remote type it produces; null for any (a copy keeps the local type)
     */
    record Kind(String name, FieldType type) {
    }

    /** @return its name and type */
    Kind kind();

    /** @return the name a mapping document uses */
    default String name() {
        return kind().name();
    }

    /** @return the local type it reads, or null when it reads any (a copy) */
    default FieldType input() {
        return kind().type();
    }

    /** @return the remote type it produces from a local field of type {@code local} */
    default FieldType output(FieldType local) {
        return kind().type() == null ? local : kind().type();
    }

    /** @return the remote value of a local value (never null or missing) */
    JsonNode toRemote(JsonNode local);

    /** @return the local value of a remote value (never null or missing) */
    JsonNode toLocal(JsonNode remote);
}
