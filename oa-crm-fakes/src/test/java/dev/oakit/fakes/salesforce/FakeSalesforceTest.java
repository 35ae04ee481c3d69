package dev.oakit.fakes.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.fakes.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.oakit.fakes.salesforce.Sf.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake Salesforce answers as the REST API documents: statuses, bodies, headers, and each knob. */
class FakeSalesforceTest {
    private static final String V = "/services/data/v62.0";
    private final FakeSalesforce fake = FakeSalesforce.start();
    private final Sf sf = new Sf(fake);

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void aCallWithoutAValidBearerIsInvalidSessionIdAndTheTokenEndpointGrantsOne() {
        Sf.Answer refused = sf.call("GET", V + "/limits", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        Sf.Answer badClient = sf.form("/services/oauth2/token", "grant_type=client_credentials&client_id=nope&client_secret=x");
        assertThat(badClient.status()).isEqualTo(400);
        assertThat(badClient.json().path("error").asText()).isEqualTo("invalid_client_id");
        Sf.Answer refreshed = sf.form("/services/oauth2/token", "grant_type=refresh_token&client_id=" + fake.clientId()
                + "&refresh_token=" + fake.refreshToken());
        assertThat(refreshed.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(refreshed.json().path("instance_url").asText()).isEqualTo(fake.baseUri().toString());
        sf.token = refreshed.json().path("access_token").asText();
        assertThat(sf.call("GET", V + "/limits", null).status()).isEqualTo(200);
        fake.expireSessions();
        assertThat(sf.call("GET", V + "/limits", null).status()).isEqualTo(401);
    }

    @Test
    void createReadUpdateWithTheAuditFieldsAndFieldErrorsAsAnArray() {
        sf.login();
        Sf.Answer created = sf.call("POST", V + "/sobjects/Account", map("Name", "Acme"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(id).startsWith("001").hasSize(18);
        assertThat(created.json().path("success").asBoolean()).isTrue();
        JsonNode read = sf.call("GET", V + "/sobjects/Account/" + id + "?fields=Name,SystemModstamp", null).json();
        assertThat(read.path("Name").asText()).isEqualTo("Acme");
        assertThat(read.path("attributes").path("type").asText()).isEqualTo("Account");
        assertThat(read.path("SystemModstamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(sf.call("PATCH", V + "/sobjects/Account/" + id, map("Phone", "+49 30 1")).status()).isEqualTo(204);
        Sf.Answer missing = sf.call("POST", V + "/sobjects/Contact", map("FirstName", "Ann"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get(0).path("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(missing.json().get(0).path("fields").get(0).asText()).isEqualTo("LastName");
        Sf.Answer unknown = sf.call("PATCH", V + "/sobjects/Account/" + id, map("Colour__c", "red"));
        assertThat(unknown.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(sf.call("GET", V + "/sobjects/Account/001000000000000AAA", null).status()).isEqualTo(404);
        assertThat(created.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/15000");
    }

    @Test
    void caseCommentsCarryWhoWroteThemAndUsersAreQueryable() {
        sf.login();
        String caseId = fake.insert("Case", map("Subject", "Drill broken", "Status", "New"));
        String contact = fake.insert("Contact", map("LastName", "Lee", "Email", "ann@acme.test"));
        String ann = fake.user("Ann", "Lee", "ann@acme.test", contact);
        fake.insertAs(ann, "CaseComment", map("ParentId", caseId, "CommentBody", "Still smoking!", "IsPublished", true));
        assertThat(sf.call("POST", V + "/sobjects/CaseComment", map("ParentId", caseId, "CommentBody", "On it", "IsPublished", true)).status())
                .isEqualTo(201);
        JsonNode comments = sf.query("SELECT Id, ParentId, CommentBody, CreatedById, SystemModstamp FROM CaseComment WHERE ParentId = '" + caseId
                + "' AND IsPublished = true ORDER BY SystemModstamp, Id").json().path("records");
        assertThat(comments).extracting(c -> c.path("CreatedById").asText()).containsExactly(ann, fake.integrationUserId());
        JsonNode users = sf.query("SELECT Id, Name, Email, ContactId FROM User WHERE Id IN ('" + ann + "', '" + fake.integrationUserId() + "')")
                .json().path("records");
        assertThat(users).extracting(u -> u.path("Name").asText()).containsExactlyInAnyOrder("Ann Lee", "OAKit Integration");
        assertThat(users).filteredOn(u -> u.path("Id").asText().equals(ann)).singleElement()
                .satisfies(u -> assertThat(u.path("ContactId").asText()).isEqualTo(contact));
        assertThatThrownBy(() -> fake.insertAs("0055g0000000NOPE", "CaseComment", map("ParentId", caseId, "CommentBody", "x")))
                .hasMessageContaining("no user 0055g0000000NOPE");
    }

    @Test
    void upsertByExternalIdAnswers201Then200WithABodyOr204BeforeVersion46And300ForTwoMatches() {
        sf.login();
        Sf.Answer created = sf.call("PATCH", V + "/sobjects/Contact/OAKit_Key__c/c-1", map("LastName", "Lee"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("created").asBoolean()).isTrue();
        Sf.Answer updated = sf.call("PATCH", V + "/sobjects/Contact/OAKit_Key__c/c-1", map("Email", "lee@example.com"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("created").asBoolean()).isFalse();
        assertThat(updated.json().path("id").asText()).isEqualTo(created.json().path("id").asText());
        Sf.Answer old = sf.call("PATCH", "/services/data/v45.0/sobjects/Contact/OAKit_Key__c/c-1", map("Phone", "1"));
        assertThat(old.status()).isEqualTo(204);
        assertThat(old.body()).isEmpty();
        assertThat(sf.call("PATCH", "/services/data/v45.0/sobjects/Contact/OAKit_Key__c/c-2", map("LastName", "Kim")).json().has("created")).isFalse();
        assertThat(fake.records("Contact")).hasSize(2);

        String dup = fake.duplicateExternalId("Contact", "OAKit_Key__c", "c-1", Map.of("LastName", "Lee (import)"));
        Sf.Answer multiple = sf.call("PATCH", V + "/sobjects/Contact/OAKit_Key__c/c-1", map("Phone", "2"));
        assertThat(multiple.status()).isEqualTo(300);
        assertThat(multiple.json()).hasSize(2);
        assertThat(multiple.json().get(1).asText()).isEqualTo(V + "/sobjects/Contact/" + dup);
        assertThat(sf.call("PATCH", V + "/sobjects/Contact/Email/x", map("LastName", "X")).status()).isEqualTo(404);
    }

    @Test
    void ifUnmodifiedSinceIsRefusedWith412OnceTheRecordChanged() {
        Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
        MutableClock clock = new MutableClock(t0);
        try (FakeSalesforce f = FakeSalesforce.builder().clock(clock).start()) {
            Sf s = new Sf(f).login();
            String id = f.insert("Quote", Map.of("Name", "Q-1", "Discount", 20));
            String since = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(t0, ZoneOffset.UTC));
            clock.now = t0.plusSeconds(5);
            f.update("Quote", id, Map.of("Discount", 35));
            Sf.Answer refused = s.call("PATCH", V + "/sobjects/Quote/" + id, map("OAKit_Approval_Status__c", "Approved"),
                    Map.of("If-Unmodified-Since", since));
            assertThat(refused.status()).isEqualTo(412);
            assertThat(f.record("Quote", id).orElseThrow().get("OAKit_Approval_Status__c")).isNull();
            String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(clock.now, ZoneOffset.UTC));
            assertThat(s.call("PATCH", V + "/sobjects/Quote/" + id, map("OAKit_Approval_Status__c", "Approved"),
                    Map.of("If-Unmodified-Since", later)).status()).isEqualTo(204);
        }
    }

    @Test
    void atMostTenQueryCursorsStayOpenANewOneClosesTheOldest() {
        sf.login();
        for (int i = 0; i < 250; i++) {
            fake.insert("Contact", Map.of("LastName", "C" + i));
        }
        String q = V + "/query?q=" + java.net.URLEncoder.encode("SELECT Id FROM Contact ORDER BY Id", java.nio.charset.StandardCharsets.UTF_8);
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            next.add(sf.call("GET", q, null, Map.of("Sforce-Query-Options", "batchSize=200")).json().path("nextRecordsUrl").asText());
        }
        Sf.Answer oldest = sf.call("GET", next.get(0), null);
        assertThat(oldest.status()).isEqualTo(400);
        assertThat(oldest.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_QUERY_LOCATOR");
        assertThat(sf.call("GET", next.get(10), null).json().path("records")).hasSize(50);
    }

    @Test
    void soqlPagesThroughNextRecordsUrlInTheOrderAsked() {
        sf.login();
        for (int i = 0; i < 450; i++) {
            fake.insert("Contact", Map.of("LastName", "C" + i));
        }
        List<String> names = new ArrayList<>();
        Sf.Answer page = sf.call("GET", V + "/query?q=" + java.net.URLEncoder.encode(
                "SELECT Id, LastName, SystemModstamp FROM Contact WHERE SystemModstamp >= 2000-01-01T00:00:00Z ORDER BY SystemModstamp, Id",
                java.nio.charset.StandardCharsets.UTF_8), null, Map.of("Sforce-Query-Options", "batchSize=200"));
        int pages = 1;
        page.json().path("records").forEach(r -> names.add(r.path("LastName").asText()));
        while (!page.json().path("done").asBoolean()) {
            page = sf.call("GET", page.json().path("nextRecordsUrl").asText(), null);
            page.json().path("records").forEach(r -> names.add(r.path("LastName").asText()));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(450).startsWith("C0", "C1").endsWith("C449");
        assertThat(page.json().path("totalSize").asInt()).isEqualTo(450);
        Sf.Answer quoted = sf.query("SELECT Id FROM Contact WHERE SystemModstamp >= '2000-01-01T00:00:00Z'");
        assertThat(quoted.json().get(0).path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(sf.query("SELECT Id FROM Contact WHERE").json().get(0).path("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
        assertThat(sf.query("SELECT Id FROM Lead").json().get(0).path("errorCode").asText()).isEqualTo("INVALID_TYPE");
        assertThat(sf.query("SELECT Id FROM Contact WHERE LastName IN ('C1', 'C2') OR (LastName LIKE 'C44%' AND LastName != 'C44')")
                .json().path("totalSize").asInt()).isEqualTo(12);
    }

    @Test
    void compositeAllOrNoneRollsEverythingBackWhenOneItemFails() {
        sf.login();
        Map<String, Object> body = map("allOrNone", true, "compositeRequest", List.of(
                map("method", "POST", "url", V + "/sobjects/Account", "referenceId", "acc", "body", map("Name", "Acme")),
                map("method", "POST", "url", V + "/sobjects/Contact", "referenceId", "con", "body", map("AccountId", "@{acc.id}", "LastName", "Lee")),
                map("method", "POST", "url", V + "/sobjects/Contact", "referenceId", "bad", "body", map("FirstName", "NoLastName"))));
        JsonNode answer = sf.call("POST", V + "/composite", body).json().path("compositeResponse");
        assertThat(answer.get(0).path("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(answer.get(0).path("body").get(0).path("errorCode").asText()).isEqualTo("PROCESSING_HALTED");
        assertThat(answer.get(2).path("body").get(0).path("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(fake.records("Account")).isEmpty();
        assertThat(fake.records("Contact")).isEmpty();

        body.put("allOrNone", false);
        JsonNode partial = sf.call("POST", V + "/composite", body).json().path("compositeResponse");
        assertThat(partial.get(0).path("httpStatusCode").asInt()).isEqualTo(201);
        assertThat(partial.get(1).path("httpStatusCode").asInt()).isEqualTo(201);
        assertThat(fake.records("Contact")).singleElement().satisfies(c -> assertThat(c.get("AccountId")).isEqualTo(partial.get(0).path("body").path("id").asText()));
    }

    @Test
    void theDailyLimitShowsInEveryAnswerAndRefusesWith403OnceUsed() {
        fake.dailyLimit(3);
        sf.login();
        assertThat(sf.call("GET", V + "/limits", null).header("Sforce-Limit-Info")).isEqualTo("api-usage=1/3");
        sf.call("GET", V + "/limits", null);
        sf.call("GET", V + "/limits", null);
        Sf.Answer refused = sf.call("GET", V + "/limits", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get(0).path("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(refused.json().get(0).path("message").asText()).isEqualTo("TotalRequests Limit exceeded.");
        assertThat(refused.header("Sforce-Limit-Info")).isEqualTo("api-usage=3/3");
        fake.resetDailyLimit().exhaustDailyLimit();
        assertThat(sf.call("GET", V + "/limits", null).status()).isEqualTo(403);
        fake.resetDailyLimit();
        assertThat(sf.call("GET", V + "/limits", null).status()).isEqualTo(200);
    }

    @Test
    void knobsLockedRowsRemovedFieldsAndTheErpFakesFailures() {
        sf.login();
        fake.lockRows(1);
        Sf.Answer locked = sf.call("POST", V + "/sobjects/Account", map("Name", "Acme"));
        assertThat(locked.json().get(0).path("errorCode").asText()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(fake.records("Account")).isEmpty();
        fake.removeField("Contact", "OAKit_Key__c");
        JsonNode describe = sf.call("GET", V + "/sobjects/Contact/describe", null).json();
        List<String> fields = new ArrayList<>();
        describe.path("fields").forEach(f -> fields.add(f.path("name").asText()));
        assertThat(fields).contains("LastName").doesNotContain("OAKit_Key__c");
        fake.failures().nextCall("create", Failure.RUN_TWICE);
        sf.call("POST", V + "/sobjects/Account", map("Name", "Twice"));
        assertThat(fake.records("Account")).hasSize(2);
        fake.failures().nextCall(Failure.RATE_LIMITED);
        assertThat(sf.call("GET", V + "/limits", null).json().get(0).path("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        fake.failures().nextCall(Failure.SERVER_ERROR);
        assertThat(sf.call("GET", V + "/limits", null).status()).isEqualTo(500);
        assertThat(fake.callCount("create")).isEqualTo(2);
    }

    /** A clock a test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
