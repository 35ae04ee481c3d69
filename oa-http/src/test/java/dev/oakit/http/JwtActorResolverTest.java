package dev.oakit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.http.HttpFixture.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class JwtActorResolverTest {
    @DbTest(only = TestDatabase.Kind.H2)
    void aTokenOfAnotherKeyIssuerOrAudienceIsRefusedWith401(TestDatabase db) throws Exception {
        try (HttpFixture f = new HttpFixture(db)) {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
            for (String token : new String[] {HttpFixture.sign(stranger, HttpFixture.ISSUER, HttpFixture.AUDIENCE, "bob"),
                    HttpFixture.sign(f.key, "https://evil.test", HttpFixture.AUDIENCE, "bob"),
                    HttpFixture.sign(f.key, HttpFixture.ISSUER, "another-app", "bob"), "not.a.jwt"}) {
                Res r = f.send(HttpRequest.newBuilder(f.server.uri().resolve("approvals/todo")).header("Authorization", "Bearer " + token).build());
                assertThat(r.status()).as(token).isEqualTo(401);
                assertThat(r.body().get("code").asText()).isEqualTo(HttpErrors.INVALID_TOKEN);
                assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
            }
            assertThat(f.get("approvals/todo", "bob").status()).isEqualTo(200);
        }
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void rolesComeFromTheRolesClaim(TestDatabase db) {
        try (HttpFixture f = new HttpFixture(db)) {
            Res me = f.send(HttpRequest.newBuilder(f.server.uri().resolve("me"))
                    .header("Authorization", "Bearer " + HttpFixture.sign(f.key, HttpFixture.ISSUER, HttpFixture.AUDIENCE, "root", "oa-admin")).build());
            assertThat(me.body().get("roles").get(0).asText()).isEqualTo("oa-admin");
            assertThat(me.body().get("tenantId").asText()).isEqualTo("acme");
        }
    }

    @Test
    void buildListsEveryMissingSetting() {
        assertThatThrownBy(() -> JwtActorResolver.builder(URI.create("https://sso.test/jwks")).tenant("a").tenantClaim("t").build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).paths()).containsExactly("issuer", "tenant"));
    }
}
