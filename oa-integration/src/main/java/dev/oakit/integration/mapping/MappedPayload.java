package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;

/**
 * A remote payload with the mapping version that produced it: store it as a remote write's payload
 * and the write records which version made what was sent. Its decimals are read back exactly (never
 * through a double) by any Jackson mapper.
 *
 * @param mapping the mapping's id
 * @param version the mapping's version
 * @param payload the remote payload
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MappedPayload(String mapping, int version, @JsonDeserialize(using = ExactTree.class) ObjectNode payload) {
}
