package dev.oakit.ticket.mail;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When a mailbox may believe that a mail comes from an internal user, from
 * {@code ticket-channels.mailboxes[i].senderAuth}. Without it (the default) every mail is from an
 * external contact, whatever its From header says: a From address is no proof of the sender.
 *
 * <p>With it, a mail speaks for the internal user whose directory address is its single From
 * address only when the <em>topmost</em> {@code Authentication-Results} header (RFC 8601) was
 * written by the host's own mail server, named by {@link #authServId}, and that server saw the
 * checks {@link #require} asks for pass for the From address's domain, which must be one of
 * {@link #domains}. The mail server must add that header on delivery (and should remove such headers
 * that arrive from outside); OAKit never trusts a header of another server or one further down.
 * Even a verified sender replies only with the rights the reply command gives that user.
 *
 * @param authServId the authserv-id the host's mail server writes into its Authentication-Results headers (e.g. {@code mx.example.com}); required
 * @param domains internal mail domains whose senders may be verified (e.g. {@code example.com}); exact domains, at least one
 * @param require which passing checks verify a sender (default {@link Check#DKIM})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SenderAuth(String authServId, List<String> domains, Check require) {
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    /** Fills the default check and lower-cases the domains; does not throw (see {@link #problems}). */
    public SenderAuth {
        domains = domains == null ? List.of() : domains.stream().map(d -> d == null ? "" : d.strip().toLowerCase(Locale.ROOT)).toList();
        require = require == null ? Check.DKIM : require;
    }

    /**
     * Which results of the host's mail server verify the From address. DKIM counts when the
     * signature's domain ({@code header.d}) is the From domain; SPF counts when the envelope
     * sender's domain ({@code smtp.mailfrom}) is the From domain.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Check {
        /** a passing DKIM signature of the From domain (the default) */
        DKIM,
        /** a passing SPF check of the From domain */
        SPF,
        /** either of the two */
        DKIM_OR_SPF,
        /** both */
        DKIM_AND_SPF
    }

    /**
     * @param path where this sits in the configuration, e.g. {@code ticket-channels.mailboxes[0].senderAuth}
     * @return one message per bad field, naming it and the fix; empty when usable
     */
    public List<String> problems(String path) {
        List<String> p = new ArrayList<>();
        if (authServId == null || authServId.isBlank() || authServId.chars().anyMatch(c -> c <= ' ' || c == ';' || c == '(' || c == '"')) {
            p.add(path + ".authServId is required: the authserv-id your mail server writes into Authentication-Results (no spaces, ';', '(' or quotes)"
                    + (authServId == null ? "" : ", was '" + authServId + "'"));
        }
        if (domains.isEmpty()) {
            p.add(path + ".domains must name at least one internal mail domain, e.g. [\"example.com\"]");
        }
        for (int i = 0; i < domains.size(); i++) {
            if (!DOMAIN.matcher(domains.get(i)).matches()) {
                p.add(path + ".domains[" + i + "] must be a mail domain like example.com, was '" + domains.get(i) + "'");
            }
        }
        return p;
    }
}
