package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The registered field mappings ({@link MappingDocument}s every plugin contributed, validated when
 * OAKit was built), their use, and their check against the remote's metadata. A mapping whose
 * remote fields were removed, renamed or changed type is quarantined: its use is refused with the
 * report until a check passes again. Thread-safe.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface Mappings {
    /**
     * @return the newest version of a mapping
     * @throws dev.oakit.core.NotFoundException code {@code OA-INT/NO_SUCH_MAPPING}, naming the registered ones
     */
    FieldMapping mapping(String id);

    /** @return one version of a mapping; {@code NotFoundException} when it is not registered */
    FieldMapping mapping(String id, int version);

    /** @return every registered version of every mapping, by id then version */
    List<FieldMapping> mappings();

    /**
     * Maps a local document with the newest version of a mapping.
     *
     * @return the payload with the mapping version that produced it
     * @throws dev.oakit.core.IntegrationException code {@code OA-INT/MAPPING_QUARANTINED} (permanent) while it is quarantined
     * @throws dev.oakit.core.ValidationException code {@code OA-INT/MAPPING_VALUE} when the document does not fit
     */
    MappedPayload toRemote(Actor actor, String id, JsonNode local);

    /** Maps a local document with one version of a mapping; as {@link #toRemote(Actor, String, JsonNode)}. */
    MappedPayload toRemote(Actor actor, String id, int version, JsonNode local);

    /** Maps a remote payload back with one version of a mapping; refused while that version is quarantined. */
    ObjectNode toLocal(Actor actor, String id, int version, JsonNode remote);

    /**
     * Compares every registered mapping version with the metadata of its target (a connector that
     * implements {@link dev.oakit.integration.spi.RemoteMetadata}), quarantines those that no longer
     * fit and lifts the quarantine of those that fit again; each outcome is one audited command
     * ({@code integration.mapping.check}). The remote is read outside any transaction. Run it after
     * {@code start()}, after a remote upgrade, and on a schedule. Administrators only.
     *
     * @return the status of every mapping version
     */
    List<MappingStatus> check(Actor actor);

    /** @return the stored status of every mapping version in the actor's tenant ({@code NOT_CHECKED} for one never checked) */
    List<MappingStatus> statuses(Actor actor);
}
