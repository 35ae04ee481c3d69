package dev.oakit.ticket.internal;

import dev.oakit.ticket.mail.SenderAuth;

import java.util.Locale;

/**
 * Decides whether a mail's From address is proven (docs/ticket-channels.md, "Who sent a mail").
 * Only the topmost Authentication-Results header counts, only when the mailbox's configured mail
 * server wrote it, and only for a passing check of the From address's own domain, which must be
 * one of the mailbox's internal domains. Everything else, including no configuration at all,
 * leaves the sender unverified: an external contact.
 */
final class SenderCheck {
    private SenderCheck() {
    }

    /** The decision and why, for the mail record. */
    record Verdict(boolean verified, String why) {
    }

    static Verdict verify(SenderAuth auth, ParsedMail mail) {
        if (auth == null) {
            return no("the mailbox trusts no sender (senderAuth not set)");
        }
        if (!mail.singleFrom() || mail.fromEmail() == null) {
            return no("the mail names no single From address");
        }
        String email = mail.fromEmail();
        String domain = domainOf(email);
        if (domain == null || !auth.domains().contains(domain)) {
            return no("the From domain is not one of the internal domains " + auth.domains());
        }
        AuthResults top = AuthResults.parse(mail.topAuthResults()).orElse(null);
        if (top == null) {
            return no("no readable Authentication-Results header on top");
        }
        if (!top.authServId().equals(auth.authServId().toLowerCase(Locale.ROOT))) {
            return no("the topmost Authentication-Results header is not from " + auth.authServId());
        }
        boolean dkim = top.of("dkim").stream().anyMatch(r -> r.result().equals("pass") && domain.equals(dkimDomain(r)));
        boolean spf = top.of("spf").stream().anyMatch(r -> r.result().equals("pass") && domain.equals(domainOf(r.props().get("smtp.mailfrom"))));
        boolean ok = switch (auth.require()) {
            case DKIM -> dkim;
            case SPF -> spf;
            case DKIM_OR_SPF -> dkim || spf;
            case DKIM_AND_SPF -> dkim && spf;
        };
        return ok ? new Verdict(true, auth.authServId() + ": " + (dkim ? "dkim" : "") + (dkim && spf ? "+" : "") + (spf ? "spf" : "") + " pass for " + domain)
                : no(auth.authServId() + " reports no " + auth.require() + " pass for " + domain);
    }

    private static Verdict no(String why) {
        return new Verdict(false, why);
    }

    /** @return the signing domain: {@code header.d}, else the domain of {@code header.i} */
    private static String dkimDomain(AuthResults.Result r) {
        String d = r.props().get("header.d");
        return d != null ? d.toLowerCase(Locale.ROOT) : domainOf(r.props().get("header.i"));
    }

    /** @return the lower-case domain of an address or of a bare domain, or null */
    static String domainOf(String addressOrDomain) {
        if (addressOrDomain == null || addressOrDomain.isBlank()) {
            return null;
        }
        String d = addressOrDomain.substring(addressOrDomain.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
        return d.isEmpty() ? null : d;
    }
}
