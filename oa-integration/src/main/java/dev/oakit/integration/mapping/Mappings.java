package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Optional;

/**
 * The registered field mappings ({@link MappingDocument}s every plugin contributed, validated when
 * OAKit was built), their use, and their check against the remote's metadata. A mapping whose
 * remote fields were removed, renamed or changed type is quarantined: its use is refused with the
 * report until a check passes again. The first use of a version stores its document
 * ({@code integration.mapping.register}), so the version a payload records names what was sent. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
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
     * The newest version of a mapping, when it may be used in the actor's tenant: what a flow asks before it
     * starts work that will write with the mapping (an order node, before it requests the order), so that
     * the work stops there with the report rather than in the remote.
     *
     * @return the mapping
     * @throws dev.oakit.core.IntegrationException code {@code OA-INT/MAPPING_QUARANTINED} (permanent) while it is
     *     quarantined, with the report
     * @throws dev.oakit.core.NotFoundException code {@code OA-INT/NO_SUCH_MAPPING} when it is not registered
     */
    FieldMapping usable(Actor actor, String id);

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
     * ({@code integration.mapping.check}). The remote is read outside any transaction. {@code start()}
     * queues one check per tenant in a job by itself; run it after a remote upgrade, and on a schedule.
     * Administrators only.
     *
     * @return the status of every mapping version
     */
    List<MappingStatus> check(Actor actor);

    /**
     * Checks every mapping now and then every {@code every}, as the tenant's system actor, in a durable
     * job ({@code integration.mapping.check}) that one node of the cluster runs each time; calling it
     * again replaces the schedule. Administrators only.
     *
     * @param every from 1 minute to 7 days
     */
    void checkEvery(Actor actor, java.time.Duration every);

    /**
     * The document of a mapping version as it was when first used here (stored then, and never
     * changed: a different document under a used version is refused with {@code OA-INT/MAPPING_CHANGED}).
     *
     * @return the document, or empty when that version was never used
     */
    Optional<MappingDocument> used(String id, int version);

    /** @return the stored status of every mapping version in the actor's tenant ({@code NOT_CHECKED} for one never checked) */
    List<MappingStatus> statuses(Actor actor);
}
