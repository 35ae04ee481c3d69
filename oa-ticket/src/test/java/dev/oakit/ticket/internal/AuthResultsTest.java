package dev.oakit.ticket.internal;

import dev.oakit.ticket.mail.SenderAuth;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading Authentication-Results headers (RFC 8601) and deciding on a sender from the topmost one. */
class AuthResultsTest {
    private static final SenderAuth AUTH = new SenderAuth("mx.acme.test", List.of("acme.test"), SenderAuth.Check.DKIM);

    private static ParsedMail mail(String from, String topAuthResults) {
        return new ParsedMail("<x@y>", Set.of(), null, from, true, "s", "t", List.of(), false, false, topAuthResults);
    }

    @Test
    void readsTheServerIdResultsAndPropertiesAsRfc8601WritesThem() {
        AuthResults r = AuthResults.parse("MX.acme.test 1; dkim=pass (1024-bit key; secure) reason=\"signature ok; fine\""
                + " header.d=acme.test header.s=\"s1\"; spf = pass smtp.mailfrom = carol@acme.test; dmarc=none").orElseThrow();
        assertThat(r.authServId()).isEqualTo("mx.acme.test");
        assertThat(r.results()).extracting(AuthResults.Result::method).containsExactly("dkim", "spf", "dmarc");
        assertThat(r.of("dkim")).singleElement().satisfies(x -> {
            assertThat(x.result()).isEqualTo("pass");
            assertThat(x.props()).containsEntry("header.d", "acme.test").containsEntry("header.s", "s1")
                    .containsEntry("reason", "signature ok; fine");
        });
        assertThat(r.of("spf").get(0).props()).containsEntry("smtp.mailfrom", "carol@acme.test");
        assertThat(AuthResults.parse("mx.acme.test; none").orElseThrow().results()).isEmpty();
    }

    @Test
    void aHeaderThatDoesNotCloseOrHasNoServerIdReadsAsNothing() {
        assertThat(AuthResults.parse("mx.acme.test; dkim=pass (unclosed header.d=acme.test")).isEmpty();
        assertThat(AuthResults.parse("mx.acme.test; dkim=\"pass header.d=acme.test")).isEmpty();
        assertThat(AuthResults.parse("; dkim=pass header.d=acme.test")).isEmpty();
        assertThat(AuthResults.parse("mx.acme.test; dkim header.d=acme.test")).isEmpty();
        assertThat(AuthResults.parse(null)).isEmpty();
    }

    @Test
    void theVerdictNamesWhyASenderIsNotVerified() {
        assertThat(SenderCheck.verify(null, mail("carol@acme.test", "mx.acme.test; dkim=pass header.d=acme.test")))
                .isEqualTo(new SenderCheck.Verdict(false, "the mailbox trusts no sender (senderAuth not set)"));
        assertThat(SenderCheck.verify(AUTH, mail("carol@acme.test", "mx.acme.test; dkim=pass header.i=@acme.test")).verified()).isTrue();
        assertThat(SenderCheck.verify(AUTH, mail("carol@sub.acme.test", "mx.acme.test; dkim=pass header.d=sub.acme.test")).why())
                .contains("not one of the internal domains");
        assertThat(SenderCheck.verify(AUTH, mail("carol@acme.test", null)).why()).contains("no readable Authentication-Results");
        assertThat(SenderCheck.verify(AUTH, mail("carol@acme.test", "mx.acme.test; dkim=temperror header.d=acme.test")).why())
                .isEqualTo("mx.acme.test reports no DKIM pass for acme.test");
    }

    /** Comments and folding white space may stand between any two tokens; they never change what the header says. */
    @Property(tries = 300)
    void commentsAndWhiteSpaceBetweenTokensChangeNothing(@ForAll("gaps") List<String> gaps) {
        String[] tokens = {"mx.acme.test", ";", "dkim", "=", "pass", "header.d", "=", "acme.test", ";", "spf", "=", "fail",
                "smtp.mailfrom", "=", "\"c@acme.test\""};
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            h.append(tokens[i]);
            String gap = gaps.get(i % gaps.size());
            // a comment or white space between a property and its '=' is allowed; between two values it must separate
            boolean needsSpace = i + 1 < tokens.length && !tokens[i].equals("=") && !tokens[i + 1].equals("=") && !tokens[i].equals(";")
                    && !tokens[i + 1].equals(";");
            h.append(gap.isEmpty() && needsSpace ? " " : gap);
        }
        AuthResults r = AuthResults.parse(h.toString()).orElseThrow();
        assertThat(r.authServId()).isEqualTo("mx.acme.test");
        assertThat(r.results()).containsExactly(new AuthResults.Result("dkim", "pass", Map.of("header.d", "acme.test")),
                new AuthResults.Result("spf", "fail", Map.of("smtp.mailfrom", "c@acme.test")));
        assertThat(SenderCheck.verify(AUTH, mail("c@acme.test", h.toString())).verified()).isTrue();
    }

    @Provide
    Arbitrary<List<String>> gaps() {
        Arbitrary<String> gap = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(" "), Arbitraries.just("\t "),
                Arbitraries.just(" (a comment; with dkim=pass header.d=evil.test) "), Arbitraries.just("(nested (x=y) \\) esc)"));
        return gap.list().ofMinSize(1).ofMaxSize(6);
    }

    /** Whatever the server id, results or domain: only the configured server's pass for the From domain verifies. */
    @Property(tries = 300)
    void onlyAPassOfTheConfiguredServerForTheFromDomainVerifies(@ForAll("ids") String id, @ForAll("results") String result,
                                                                   @ForAll("domains") String signed, @ForAll("domains") String from) {
        boolean verified = SenderCheck.verify(AUTH, mail("x@" + from, id + "; dkim=" + result + " header.d=" + signed)).verified();
        assertThat(verified).isEqualTo(id.replace("\"", "").equalsIgnoreCase("mx.acme.test") && result.equals("pass") && signed.equalsIgnoreCase(from)
                && from.equalsIgnoreCase("acme.test"));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.of("mx.acme.test", "MX.ACME.TEST", "mx.acme.test.evil.test", "evil.test", "acme.test", "\"mx.acme.test\"");
    }

    @Provide
    Arbitrary<String> results() {
        return Arbitraries.of("pass", "fail", "none", "neutral", "policy", "temperror", "permerror", "passx");
    }

    @Provide
    Arbitrary<String> domains() {
        return Arbitraries.of("acme.test", "ACME.test", "evil.test", "sub.acme.test", "acme.test.evil.test");
    }
}
