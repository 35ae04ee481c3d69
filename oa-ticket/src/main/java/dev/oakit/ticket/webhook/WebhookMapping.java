package dev.oakit.ticket.webhook;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a source's JSON payload keeps each ticket value, as JSON pointers (RFC 6901, e.g.
 * {@code /issue/title}). Data, not code: one mapping per source in the configuration.
 *
 * @param externalId the sender's id of this message or event (required): the same id twice is taken once
 * @param title the ticket title (required for new tickets; cut to 200 characters)
 * @param description the description, or the reply's text; null for none
 * @param requester an internal user id, or an e-mail address (an internal user with that address, else an external contact); null for the source's default requester
 * @param requesterName the external contact's name; null for none
 * @param category a category key; null for the source's default
 * @param priority LOW, NORMAL, HIGH or URGENT (any case); null for the type's default
 * @param replyTo a ticket number or the external id of an earlier message of this source that opened a ticket: makes the payload a reply on that ticket; null for none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WebhookMapping(String externalId, String title, String description, String requester, String requesterName,
                             String category, String priority, String replyTo) {
    /** @return the problems of the mapping, each naming the field under {@code path} */
    public List<String> problems(String path) {
        List<String> p = new ArrayList<>();
        pointer(p, path + ".externalId", externalId, true);
        pointer(p, path + ".title", title, true);
        pointer(p, path + ".description", description, false);
        pointer(p, path + ".requester", requester, false);
        pointer(p, path + ".requesterName", requesterName, false);
        pointer(p, path + ".category", category, false);
        pointer(p, path + ".priority", priority, false);
        pointer(p, path + ".replyTo", replyTo, false);
        return p;
    }

    private static void pointer(List<String> problems, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(field + " is required (a JSON pointer such as /id)");
            }
        } else if (!value.startsWith("/")) {
            problems.add(field + " must be a JSON pointer starting with '/', was '" + value + "'");
        }
    }
}
