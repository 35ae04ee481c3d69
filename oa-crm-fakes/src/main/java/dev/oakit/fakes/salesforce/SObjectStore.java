package dev.oakit.fakes.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records of the fake org, by type, with Salesforce's rules on writes: unknown and read-only fields
 * refused, required fields checked, ids with the type's key prefix, auto numbers, and the audit fields
 * ({@code CreatedDate}, {@code LastModifiedDate}, {@code SystemModstamp}) stamped from the clock, {@code CreatedById} and
 * {@code LastModifiedById} with the user who wrote. Two users exist from the start: the integration user the API's
 * token is for, and an admin who makes the changes of the fake's knobs. Not thread safe: the fake serialises calls on it.
 */
final class SObjectStore {
    /** The user of the API's tokens (the connected app's integration user). */
    static final String INTEGRATION_USER = "0055g00000FAKEUSR";
    /** The user who makes the knobs' changes, as a person working in Salesforce. */
    static final String ADMIN_USER = "0055g00000FAKEADM";

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    final Map<String, SObjectType> types = SObjectType.org();
    private Map<String, Map<String, Map<String, Object>>> records = new LinkedHashMap<>();
    private long seq;
    private long lastStamp;
    private final Clock clock;
    private Duration commitLag = Duration.ZERO;

    SObjectStore(Clock clock) {
        this.clock = clock;
        types.keySet().forEach(t -> records.put(t, new LinkedHashMap<>()));
        user(INTEGRATION_USER, "OAKit", "Integration", "integration@oakit.example");
        user(ADMIN_USER, "Org", "Admin", "admin@example.com");
    }

    private void user(String id, String first, String last, String email) {
        Instant now = stamp();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        r.put("IsDeleted", false);
        r.put("FirstName", first);
        r.put("LastName", last);
        r.put("Name", first + " " + last);
        r.put("Email", email);
        r.put("IsActive", true);
        r.put("CreatedDate", now);
        r.put("CreatedById", ADMIN_USER);
        r.put("LastModifiedDate", now);
        r.put("LastModifiedById", ADMIN_USER);
        r.put("SystemModstamp", now);
        records.get("User").put(id, r);
    }

    SObjectType type(String name) {
        SObjectType t = types.get(name);
        if (t == null) {
            throw SalesforceError.invalidType(name);
        }
        return t;
    }

    void commitLag(Duration lag) {
        this.commitLag = lag;
    }

    /** Every live record of a type, in insertion order. */
    List<Map<String, Object>> all(String type) {
        type(type);
        return new ArrayList<>(records.get(type).values());
    }

    Optional<Map<String, Object>> get(String type, String id) {
        type(type);
        return Optional.ofNullable(records.get(type).get(id));
    }

    /** The records whose field has that value, in insertion order. */
    List<Map<String, Object>> byField(String type, String field, Object value) {
        SObjectType t = type(type);
        if (!t.fields.containsKey(field)) {
            throw SalesforceError.noSuchField(type, field);
        }
        return records.get(type).values().stream().filter(r -> value.equals(r.get(field))).toList();
    }

    /** Inserts a record as the integration user. */
    String insert(String type, Map<String, Object> fields) {
        return insert(type, fields, INTEGRATION_USER);
    }

    String insert(String type, Map<String, Object> fields, String userId) {
        SObjectType t = type(type);
        if (!records.get("User").containsKey(userId)) {
            throw new IllegalArgumentException("no user " + userId + " in the fake org; create one with FakeSalesforce.user");
        }
        check(t, fields);
        for (SObjectType.Field f : t.fields.values()) {
            if (f.required() && fields.get(f.name()) == null) {
                throw new SalesforceError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [" + f.name() + "]", List.of(f.name()));
            }
        }
        String id = newId(t);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        r.put("IsDeleted", false);
        if (type.equals("Case")) {
            r.put("CaseNumber", String.format("%08d", seq));
        } else if (type.equals("Contract")) {
            r.put("ContractNumber", String.format("%08d", seq));
        }
        r.putAll(fields);
        if (type.equals("User")) {
            r.put("Name", (fields.get("FirstName") == null ? "" : fields.get("FirstName") + " ") + fields.get("LastName"));
        }
        Instant now = stamp();
        r.put("CreatedDate", now);
        r.put("CreatedById", userId);
        r.put("LastModifiedDate", now);
        r.put("LastModifiedById", userId);
        r.put("SystemModstamp", now);
        records.get(type).put(id, r);
        return id;
    }

    /** Updates a record as the integration user. */
    void update(String type, String id, Map<String, Object> fields) {
        update(type, id, fields, INTEGRATION_USER);
    }

    void update(String type, String id, Map<String, Object> fields, String userId) {
        SObjectType t = type(type);
        Map<String, Object> r = get(type, id).orElseThrow(SalesforceError::notFound);
        check(t, fields);
        for (SObjectType.Field f : t.fields.values()) {
            if (f.required() && fields.containsKey(f.name()) && fields.get(f.name()) == null) {
                throw new SalesforceError(400, "REQUIRED_FIELD_MISSING", "Required fields are missing: [" + f.name() + "]", List.of(f.name()));
            }
        }
        r.putAll(fields);
        // a record's own stamp always moves forward, even within one millisecond of the clock
        Instant stamp = stamp();
        Instant before = (Instant) r.get("LastModifiedDate");
        Instant now = stamp.isAfter(before) ? stamp : before.plusMillis(1);
        r.put("LastModifiedDate", now);
        r.put("LastModifiedById", userId);
        r.put("SystemModstamp", now);
    }

    void delete(String type, String id) {
        if (records.get(type(type).name).remove(id) == null) {
            throw SalesforceError.notFound();
        }
    }

    /** A copy of every record, for a composite request that may have to roll back. */
    Map<String, Map<String, Map<String, Object>>> snapshot() {
        Map<String, Map<String, Map<String, Object>>> copy = new LinkedHashMap<>();
        records.forEach((type, byId) -> {
            Map<String, Map<String, Object>> c = new LinkedHashMap<>();
            byId.forEach((id, r) -> c.put(id, new LinkedHashMap<>(r)));
            copy.put(type, c);
        });
        return copy;
    }

    void restore(Map<String, Map<String, Map<String, Object>>> snapshot) {
        this.records = snapshot;
    }

    private void check(SObjectType t, Map<String, Object> fields) {
        List<String> readOnly = new ArrayList<>();
        for (String f : fields.keySet()) {
            SObjectType.Field field = t.fields.get(f);
            if (field == null) {
                throw SalesforceError.noSuchField(t.name, f);
            }
            if (!field.writable()) {
                readOnly.add(f);
            }
        }
        if (!readOnly.isEmpty()) {
            throw new SalesforceError(400, "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: " + String.join(", ", readOnly)
                    + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    readOnly);
        }
    }

    private String newId(SObjectType t) {
        seq++;
        String body = Long.toString(seq, 36).toUpperCase(java.util.Locale.ROOT);
        return t.keyPrefix + "5g" + "0".repeat(10 - body.length()) + body + "AAA";
    }

    /** Now, to the millisecond, never before the last stamp; less the commit lag a knob set. */
    private Instant stamp() {
        long now = clock.millis();
        lastStamp = Math.max(lastStamp, now);
        return Instant.ofEpochMilli(lastStamp).minus(commitLag);
    }

    /** A record as the API shows it: these fields (null when unset), datetimes formatted, with {@code attributes}. */
    static Map<String, Object> view(String type, String apiPath, Map<String, Object> r, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", Map.of("type", type, "url", apiPath + "/sobjects/" + type + "/" + r.get("Id")));
        for (String f : fields) {
            Object v = r.get(f);
            out.put(f, v instanceof Instant i ? DATETIME.format(i) : v);
        }
        return out;
    }
}
