package dev.oakit.ticket.spi;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ticket to place, as dispatch rules and strategies see it. Immutable and thread-safe; build
 * it with {@link #builder()}.
 *
 * @param ticketType the ticket type's key, e.g. {@code incident}; may be null
 * @param category the category path with {@code /} between levels, e.g. {@code it/network/vpn}; may be null
 * @param priority the priority's name; may be null
 * @param channel where it came from, e.g. {@code email}, {@code api}; may be null
 * @param requiredSkills skills the agent must have (skill match); never null
 * @param requesterId the requester's id (user or external contact); may be null
 * @param parentAgentId the agent of the parent ticket; null if none
 * @param requesterAgents agents who handled this requester's earlier tickets, most recent first; never null
 * @param fields custom field values of the ticket's form; never null, values may be null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DispatchRequest(String ticketType, String category, String priority, String channel, Set<String> requiredSkills,
                              String requesterId, String parentAgentId, List<String> requesterAgents, Map<String, Object> fields) {

    /** Copies the collections (null means empty). */
    public DispatchRequest {
        requiredSkills = requiredSkills == null ? Set.of() : Set.copyOf(requiredSkills);
        requesterAgents = requesterAgents == null ? List.of() : List.copyOf(requesterAgents);
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link DispatchRequest}. Not thread-safe.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private String ticketType;
        private String category;
        private String priority;
        private String channel;
        private final Set<String> requiredSkills = new LinkedHashSet<>();
        private String requesterId;
        private String parentAgentId;
        private final List<String> requesterAgents = new ArrayList<>();
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the ticket type. */
        public Builder ticketType(String ticketType) {
            this.ticketType = ticketType;
            return this;
        }

        /** Sets the category path, e.g. {@code it/network/vpn}. */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /** Sets the priority. */
        public Builder priority(String priority) {
            this.priority = priority;
            return this;
        }

        /** Sets the channel. */
        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        /** Adds required skills. */
        public Builder requiredSkills(String... skills) {
            requiredSkills.addAll(List.of(skills));
            return this;
        }

        /** Sets the requester. */
        public Builder requesterId(String requesterId) {
            this.requesterId = requesterId;
            return this;
        }

        /** Sets the parent ticket's agent. */
        public Builder parentAgentId(String parentAgentId) {
            this.parentAgentId = parentAgentId;
            return this;
        }

        /** Adds agents of the requester's earlier tickets, most recent first. */
        public Builder requesterAgents(String... agents) {
            requesterAgents.addAll(List.of(agents));
            return this;
        }

        /** Sets a custom field's value. */
        public Builder field(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        /** @return the request */
        public DispatchRequest build() {
            return new DispatchRequest(ticketType, category, priority, channel, requiredSkills, requesterId, parentAgentId,
                    requesterAgents, fields);
        }
    }
}
