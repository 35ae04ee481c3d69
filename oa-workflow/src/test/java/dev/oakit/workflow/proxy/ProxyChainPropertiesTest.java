package dev.oakit.workflow.proxy;

import dev.oakit.workflow.internal.proxy.ProxyChain;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A proxy chain never assigns to an absent user or someone who is away themselves, and never loops. */
class ProxyChainPropertiesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4", "u5");

    @Provide
    Arbitrary<List<ProxyChain.Rule>> rules() {
        Arbitrary<ProxyChain.Rule> rule = Combinators.combine(Arbitraries.longs().between(1, 1000), Arbitraries.of(USERS),
                Arbitraries.of(USERS), Arbitraries.integers().between(-3, 3), Arbitraries.<List<String>>of(List.of(), List.of("leave"), List.of("buy")))
                .as((id, u, p, shift, keys) -> new ProxyChain.Rule(id, u, p, NOW.plusSeconds(shift * 3600L),
                        NOW.plusSeconds((shift + 4) * 3600L), keys));
        return rule.filter(r -> !r.userId().equals(r.proxyId())).list().ofMaxSize(8);
    }

    @Property(tries = 500)
    void theChainEndsAtAnAvailablePersonWithoutRulesOrStaysWithTheApprover(@ForAll("rules") List<ProxyChain.Rule> rules,
            @ForAll("absent") Set<String> absent, @ForAll("user") String user, @ForAll("key") String key) {
        ProxyChain.Result r = ProxyChain.resolve(rules, user, key, NOW, u -> !absent.contains(u));
        assertThat(r.chain().get(0)).isEqualTo(user);
        if (r.principal() == null) {
            assertThat(r.userId()).isEqualTo(user);
        } else {
            assertThat(r.principal()).isEqualTo(user);
            assertThat(r.userId()).isNotEqualTo(user).isIn(r.chain()).isNotIn(absent);
            assertThat(r.loop()).isFalse();
            boolean away = rules.stream().anyMatch(x -> x.userId().equals(r.userId()) && !NOW.isBefore(x.from()) && NOW.isBefore(x.until())
                    && (x.keys().isEmpty() || x.keys().contains(key)));
            assertThat(away).as("the proxy has a rule in force").isFalse();
        }
        assertThat(r.chain().size()).isLessThanOrEqualTo(USERS.size() + 1);
        if (r.loop()) {
            assertThat(r.userId()).isEqualTo(user);
        }
    }

    @Provide
    Arbitrary<Set<String>> absent() {
        return Arbitraries.of(USERS).set().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> user() {
        return Arbitraries.of(USERS);
    }

    @Provide
    Arbitrary<String> key() {
        return Arbitraries.of("leave", "buy");
    }
}
