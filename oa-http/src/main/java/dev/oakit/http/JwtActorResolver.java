package dev.oakit.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import dev.oakit.http.spi.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Resolves the actor from an OIDC / JWT bearer token ({@code Authorization: Bearer ...}): the signature is
 * checked with the keys of the identity provider's JWKS (fetched and cached by nimbus-jose-jwt), then the
 * issuer, the audience and the expiry; the user id, the tenant and the roles come from claims.
 *
 * <pre>
 * ActorResolver sso = JwtActorResolver.builder(URI.create("https://sso.example.com/jwks"))
 *         .issuer("https://sso.example.com").audience("oakit").tenant("acme").build();
 * </pre>
 *
 * <p>Thread-safe. A request without a bearer token resolves to no actor (401 {@code OA-HTTP/UNAUTHENTICATED});
 * a bad token throws {@link UnauthenticatedException} with {@link HttpErrors#INVALID_TOKEN}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JwtActorResolver implements ActorResolver {
    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final String userClaim;
    private final String tenant;
    private final String tenantClaim;
    private final String rolesClaim;

    private JwtActorResolver(Builder b, ConfigurableJWTProcessor<SecurityContext> processor) {
        this.processor = processor;
        this.issuer = b.issuer;
        this.userClaim = b.userClaim;
        this.tenant = b.tenant;
        this.tenantClaim = b.tenantClaim;
        this.rolesClaim = b.rolesClaim;
    }

    /**
     * @param jwks the identity provider's JWKS address (its {@code jwks_uri}); never null
     * @return a builder; {@link Builder#issuer} and either {@link Builder#tenant} or {@link Builder#tenantClaim} are required
     */
    public static Builder builder(URI jwks) {
        return new Builder(Objects.requireNonNull(jwks, "jwks"));
    }

    @Override
    public Optional<Actor> resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new UnauthenticatedException(HttpErrors.INVALID_TOKEN,
                    "the bearer token was refused (" + e.getMessage() + "); sign in again at " + issuer, e);
        }
        String user = text(claims, userClaim);
        String tenantId = this.tenant != null ? this.tenant : text(claims, tenantClaim);
        Set<String> roles = new HashSet<>();
        Object r = claims.getClaim(rolesClaim);
        if (r instanceof Collection<?> c) {
            c.forEach(x -> roles.add(String.valueOf(x)));
        } else if (r instanceof String s) {
            roles.addAll(List.of(s.split("[ ,]+")));
        }
        try {
            return Optional.of(new Actor(tenantId, user, roles));
        } catch (ValidationException e) {
            throw new UnauthenticatedException(HttpErrors.INVALID_TOKEN, "the bearer token's claims name no valid user: " + e.getMessage(), e);
        }
    }

    private static String text(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new UnauthenticatedException(HttpErrors.INVALID_TOKEN,
                    "the bearer token has no claim '" + name + "'; configure the identity provider to issue it or map another claim", null);
        }
        return String.valueOf(v);
    }

    /** Settings of a {@link JwtActorResolver}; {@link #build()} validates them all at once. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class Builder {
        private final URI jwks;
        private String issuer;
        private final Set<String> audiences = new HashSet<>();
        private String userClaim = "sub";
        private String tenant;
        private String tenantClaim;
        private String rolesClaim = "roles";
        private final Set<JWSAlgorithm> algorithms = new HashSet<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));

        private Builder(URI jwks) {
            this.jwks = jwks;
        }

        /** The exact {@code iss} every token must carry (required). */
        public Builder issuer(String iss) {
            this.issuer = iss;
            return this;
        }

        /** An accepted {@code aud}; with none given, the audience is not checked. */
        public Builder audience(String aud) {
            audiences.add(Objects.requireNonNull(aud, "aud"));
            return this;
        }

        /** The claim holding the user id (default {@code sub}); it must match the directory's user ids. */
        public Builder userClaim(String claim) {
            this.userClaim = Objects.requireNonNull(claim, "claim");
            return this;
        }

        /** Every token belongs to this one tenant (a single-tenant host). */
        public Builder tenant(String tenantId) {
            this.tenant = tenantId;
            return this;
        }

        /** The claim holding the tenant id (a multi-tenant host). */
        public Builder tenantClaim(String claim) {
            this.tenantClaim = claim;
            return this;
        }

        /** The claim holding the roles, a list or a space-separated string (default {@code roles}). */
        public Builder rolesClaim(String claim) {
            this.rolesClaim = Objects.requireNonNull(claim, "claim");
            return this;
        }

        /** Accepts these signature algorithms instead of RS256 and ES256. */
        public Builder algorithms(String... names) {
            algorithms.clear();
            for (String n : names) {
                algorithms.add(JWSAlgorithm.parse(n));
            }
            return this;
        }

        /**
         * @return the resolver; no network I/O yet (the JWKS is fetched on the first token)
         * @throws ValidationException listing every missing or contradictory setting
         */
        public JwtActorResolver build() {
            List<ValidationException.Problem> problems = new java.util.ArrayList<>();
            if (issuer == null || issuer.isBlank()) {
                problems.add(new ValidationException.Problem("issuer", "is required: the identity provider's issuer, e.g. https://sso.example.com"));
            }
            if ((tenant == null) == (tenantClaim == null)) {
                problems.add(new ValidationException.Problem("tenant", "give exactly one of tenant(\"acme\") or tenantClaim(\"tenant\")"));
            }
            if (algorithms.isEmpty()) {
                problems.add(new ValidationException.Problem("algorithms", "name at least one, e.g. RS256"));
            }
            JWKSource<SecurityContext> keys = null;
            try {
                keys = JWKSourceBuilder.create(jwks.toURL()).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                problems.add(new ValidationException.Problem("jwks", "is not a URL: " + jwks));
            }
            if (!problems.isEmpty()) {
                throw new ValidationException(dev.oakit.core.CoreErrors.VALIDATION, "JWT actor resolver", problems);
            }
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(algorithms), keys));
            p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audiences.isEmpty() ? null : Set.copyOf(audiences),
                    new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", userClaim), null));
            return new JwtActorResolver(this, p);
        }
    }
}
