package dev.oakit.integration.mapping;

import org.apiguardian.api.API;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where one version of a mapping stands against the remote's metadata.
 *
 * @param mapping the mapping's id
 * @param version its version
 * @param state the state
 * @param issues why it is quarantined; empty otherwise
 * @param since when the state began (null when never checked)
 * @param note for {@link State#NOT_CHECKED}: why
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MappingStatus(String mapping, int version, State state, List<MappingIssue> issues, Instant since, String note) {
    /** The states. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum State {
        /** The last check found the remote as the mapping expects it; the mapping may be used. */
        PASSED,
        /** The remote no longer fits; the mapping is refused until a check passes again. */
        QUARANTINED,
        /** Not compared (its connector reads no metadata, or the metadata could not be read): the last stored state holds. */
        NOT_CHECKED
    }

    /** Copies the issues. */
    public MappingStatus {
        issues = List.copyOf(issues);
    }

    /** @return a report a person can act on: which mapping, which field, what changed, what to do */
    public String report() {
        String head = "mapping '" + mapping + "' v" + version + " " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        if (note != null) {
            head += ": " + note;
        }
        return issues.isEmpty() ? head : head + "\n" + issues.stream().map(i -> "  - " + i).collect(Collectors.joining("\n"));
    }
}
