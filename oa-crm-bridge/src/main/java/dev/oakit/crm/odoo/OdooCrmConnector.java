package dev.oakit.crm.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.crm.ApprovalRequest;
import dev.oakit.crm.CaseUpdate;
import dev.oakit.crm.CrmCase;
import dev.oakit.crm.CrmContact;
import dev.oakit.crm.spi.CrmConnector;
import dev.oakit.crm.spi.CrmRecords;
import dev.oakit.integration.spi.AbstractRemoteCreate;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.OdooRpc;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteSchemas;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference CRM connector for Odoo (17 and later, Community or Enterprise), on the external JSON-RPC API
 * ({@code execute_kw}) through {@link OdooRpc}, the client the ERP bridge's Odoo connector uses too.
 *
 * <ul>
 *   <li>{@link #CONTACT_UPSERT}: a person {@code res.partner} whose {@link OdooCrmConfig#contactKeyField()} ({@code ref}
 *       unless configured) is OAKit's key, under its company ({@code parent_id}, the account's id). Odoo has no upsert
 *       and no unique key field: the connector looks the key up and writes the contact it finds, or creates one; a
 *       second contact with the key (a call the server ran twice) is deleted, so the key ends with exactly one.</li>
 *   <li>{@link #CASE_UPDATE}: the case is a {@code project.task} of the support project. A status {@code Done} or
 *       {@code Cancelled} sets the task's {@code state}; any other status moves it to the project's stage of that
 *       name and its {@code state} back to in progress (a task done and reopened). A public reply and the resolution
 *       are posted as one public message in the task's chatter ({@code message_post}, subtype {@code mail.mt_comment})
 *       whose {@code message_id} carries the key ({@link #messageId}), by which it is found again: an update sent
 *       again with its key posts nothing twice.</li>
 *   <li>Feeds: {@link #ACCOUNTS} (companies), {@link #CONTACTS} (persons of type contact), {@link #CASES} (tasks of
 *       the support project) and {@link #CASE_COMMENTS} (public chatter messages on them), by {@code search_read} on
 *       {@code write_date}. A case's type is its first tag's name,
 *       its status the stage's name unless the task is done or cancelled.</li>
 *   <li>Metadata: {@code fields_get} of a model.</li>
 * </ul>
 *
 * Odoo Community has no helpdesk and no approval of quotes: this connector offers no {@link #DECISION} and no
 * request feeds, and the flows that need them say so at start. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OdooCrmConnector implements CrmConnector {
    /** The {@code state} of a task that is neither done nor cancelled. */
    private static final String OPEN_STATE = "01_in_progress";

    private final OdooCrmConfig config;
    private final OdooRpc rpc;
    private final AtomicLong project = new AtomicLong(-1);

    /** A connector with its own HTTP client. */
    public OdooCrmConnector(OdooCrmConfig config) {
        this(config, JsonHttp.builder(config.baseUri()).build());
    }

    /** A connector over a given {@link JsonHttp} (its base must be the config's). */
    public OdooCrmConnector(OdooCrmConfig config, JsonHttp http) {
        this.config = Objects.requireNonNull(config, "config");
        this.rpc = new OdooRpc(Objects.requireNonNull(http, "http"), config.target(), config.database(), config.login(), config.secret());
    }

    /** @return the {@code message_id} of the chatter message a case update with that key posts */
    public static String messageId(String key) {
        return "<oakit-" + key.replaceAll("[^A-Za-z0-9._:-]", "_") + "@oakit>";
    }

    @Override
    public String id() {
        return config.target();
    }

    @Override
    public String systemName() {
        return "Odoo";
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return List.of(new ContactUpsert(), new CaseWrite());
    }

    @Override
    public List<ChangeFeed> feeds() {
        String key = config.contactKeyField();
        List<String> contactFields = new ArrayList<>(OdooCrmRecords.CONTACT_FIELDS);
        contactFields.add(key);
        return List.of(
                new OdooCrmFeed(rpc, ACCOUNTS, OdooCrmRecords.PARTNER, call -> List.of(List.of("is_company", "=", true)),
                        OdooCrmRecords.ACCOUNT_FIELDS, true, r -> null, null,
                        (call, rows) -> payloads(rows, r -> CrmRecords.payload(OdooCrmRecords.account(r)))),
                new OdooCrmFeed(rpc, CONTACTS, OdooCrmRecords.PARTNER, call -> List.of(List.of("is_company", "=", false),
                        List.of("type", "=", "contact")), contactFields, true, r -> OdooCrmRecords.text(r, key), CONTACT_UPSERT,
                        (call, rows) -> payloads(rows, r -> CrmRecords.payload(OdooCrmRecords.contact(r, key)))),
                new OdooCrmFeed(rpc, CASES, OdooCrmRecords.TASK, call -> List.of(List.of("project_id", "=", project(call))),
                        OdooCrmRecords.TASK_FIELDS, true, r -> null, null,
                        (call, rows) -> OdooCrmRecords.cases(rpc, call, rows).stream().map(CrmRecords::payload).toList()),
                // public discussions in the chatter of tasks; OAKit's own replies carry their key in message_id
                new OdooCrmFeed(rpc, CASE_COMMENTS, "mail.message", call -> List.of(List.of("model", "=", OdooCrmRecords.TASK),
                        List.of("message_type", "in", List.of("comment", "email")), List.of("is_internal", "=", false)),
                        OdooCrmRecords.MESSAGE_FIELDS, false, r -> keyOf(OdooCrmRecords.text(r, "message_id")), CASE_UPDATE,
                        (call, rows) -> OdooCrmRecords.comments(rpc, call, rows, project(call))));
    }

    /**
     * The record an automation rule's "Send Webhook Notification" names ({@code _model}, {@code _id}): a partner is read
     * by the account or the contact feed ({@code is_company} in the body picks one; without it both are asked, and the
     * one whose record it is finds it), a task by the case feed, a chatter message by the case-comment feed. Other
     * models ({@code crm.lead}, say) name nothing the bridge reads. A {@code write_date} in the body (to the microsecond)
     * is the version the record has at least, to the second: Odoo 17 posts before its transaction commits.
     */
    @Override
    public List<Notice> webhookNotices(JsonNode body) {
        JsonNode model = body.path("_model");
        JsonNode id = body.path("_id");
        if (!model.isTextual() || !id.canConvertToLong()) {
            throw new IllegalArgumentException("an Odoo webhook carries _model and _id (the action \"Send Webhook Notification\" of an"
                    + " automation rule sends them); this body has " + (model.isTextual() ? "no numeric _id" : "no _model"));
        }
        String record = String.valueOf(id.asLong());
        Long atLeast = null;
        String written = body.path("write_date").asText("");
        if (written.length() >= 19) {
            try {
                atLeast = OdooRpc.version(written);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("write_date '" + written + "' is no Odoo datetime (yyyy-MM-dd HH:mm:ss)");
            }
        }
        JsonNode company = body.path("is_company");
        List<String> feeds = switch (model.asText()) {
            case OdooCrmRecords.PARTNER -> company.isBoolean() ? List.of(company.asBoolean() ? ACCOUNTS : CONTACTS) : List.of(ACCOUNTS, CONTACTS);
            case OdooCrmRecords.TASK -> List.of(CASES);
            case "mail.message" -> List.of(CASE_COMMENTS);
            default -> List.of();
        };
        Long version = atLeast;
        return feeds.stream().map(f -> new Notice(f, record, version)).toList();
    }

    /** @return OAKit's key in a {@code message_id} that {@link #messageId} made, else null */
    static String keyOf(String messageId) {
        return messageId != null && messageId.startsWith("<oakit-") && messageId.endsWith("@oakit>")
                ? messageId.substring("<oakit-".length(), messageId.length() - "@oakit>".length()) : null;
    }

    private static List<String> payloads(JsonNode rows, java.util.function.Function<JsonNode, String> each) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(each.apply(r)));
        return out;
    }

    @Override
    public Optional<CrmCase> readCase(CallContext call, String caseId) throws RemoteCallException {
        long id = numericId("case", caseId);
        JsonNode rows = rpc.execute(call, OdooCrmRecords.TASK, "search_read", List.of(List.of(List.of("id", "=", id),
                List.of("project_id", "=", project(call)), List.of("active", "in", List.of(true, false)))), Map.of("fields", OdooCrmRecords.TASK_FIELDS));
        return rows.isEmpty() ? Optional.empty() : Optional.of(OdooCrmRecords.cases(rpc, call, rows).get(0));
    }

    /** Odoo Community keeps no approval requests: always empty. */
    @Override
    public Optional<ApprovalRequest> readApprovalRequest(CallContext call, ApprovalRequest.Kind kind, String id) {
        return Optional.empty();
    }

    @Override
    public Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException {
        try {
            return Optional.of(RemoteSchemas.odoo(entity, rpc.execute(call, entity, "fields_get", List.of(),
                    Map.of("attributes", List.of("type", "string", "required")))));
        } catch (RemoteCallException e) {
            if (e.remoteError() != null && e.remoteError().contains("doesn't exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The support project's id, found by name once. */
    private long project(CallContext call) throws RemoteCallException {
        long known = project.get();
        if (known > 0) {
            return known;
        }
        long id = rpc.first(call, "project.project", List.of(List.of("name", "=", config.supportProject())), "id asc")
                .orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": Odoo has no project named '"
                        + config.supportProject() + "' for service requests; create it in Odoo or set OdooCrmConfig.supportProject"));
        project.set(id);
        return id;
    }

    private long numericId(String what, String id) throws RemoteCallException {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": '" + id + "' is no Odoo id of a " + what
                    + "; Odoo ids are numbers");
        }
    }

    private final class ContactUpsert extends AbstractRemoteCreate<CrmContact> {
        ContactUpsert() {
            super(CONTACT_UPSERT, CrmContact.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            return settle(call, key);
        }

        /** Looks the key up first (Odoo has no upsert): writes the contact found, or creates it; then settles the key. */
        @Override
        public String create(CallContext call, String key, CrmContact c) throws RemoteCallException {
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("name", OdooCrmRecords.name(c));
            if (c.email() != null) {
                vals.put("email", c.email()); // what OAKit does not know is left as Odoo has it
            }
            if (c.phone() != null) {
                vals.put("phone", c.phone());
            }
            if (c.accountId() != null) {
                vals.put("parent_id", numericId("company", c.accountId()));
            }
            Optional<String> found = settle(call, key);
            if (found.isPresent()) {
                rpc.execute(call, OdooCrmRecords.PARTNER, "write", List.of(List.of(Long.parseLong(found.get())), vals), Map.of());
                return found.get();
            }
            vals.put("is_company", false);
            vals.put("type", "contact");
            vals.put(config.contactKeyField(), key);
            rpc.execute(call, OdooCrmRecords.PARTNER, "create", List.of(vals), Map.of());
            return settle(call, key).orElseThrow(() -> RemoteCallException.of(RemoteCallException.Kind.AMBIGUOUS,
                    config.target() + ": the contact just created with " + config.contactKeyField() + " '" + key + "' is not found"));
        }

        /** The contact of a key: the first one; later ones (a call run twice) are deleted. */
        private Optional<String> settle(CallContext call, String key) throws RemoteCallException {
            JsonNode rows = rpc.execute(call, OdooCrmRecords.PARTNER, "search", List.of(List.of(List.of(config.contactKeyField(), "=", key),
                    List.of("active", "in", List.of(true, false)))), Map.of("order", "id asc"));
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            if (rows.size() > 1) {
                List<Long> extras = new ArrayList<>();
                for (int i = 1; i < rows.size(); i++) {
                    extras.add(rows.get(i).asLong());
                }
                rpc.execute(call, OdooCrmRecords.PARTNER, "unlink", List.of(extras), Map.of());
            }
            return Optional.of(rows.get(0).asText());
        }
    }

    private final class CaseWrite extends AbstractRemoteCreate<CaseUpdate> {
        CaseWrite() {
            super(CASE_UPDATE, CaseUpdate.class);
        }

        @Override
        public Optional<String> find(CallContext call, String key) throws RemoteCallException {
            JsonNode ids = rpc.execute(call, "mail.message", "search", List.of(List.of(List.of("message_id", "=", messageId(key)))),
                    Map.of("limit", 1));
            // a status alone is not looked for: writing it again changes nothing
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0).asText());
        }

        @Override
        public String create(CallContext call, String key, CaseUpdate u) throws RemoteCallException {
            long task = numericId("case", u.caseId());
            if (u.status() != null) {
                rpc.execute(call, OdooCrmRecords.TASK, "write", List.of(List.of(task), statusValues(call, u.status())), Map.of());
            }
            if (u.publicReply() == null && u.resolution() == null) {
                return u.caseId();
            }
            // sent again with its key (the state caught up with the ticket): the message is posted once
            Optional<String> posted = find(call, key);
            if (posted.isPresent()) {
                return posted.get();
            }
            StringBuilder body = new StringBuilder();
            if (u.publicReply() != null) {
                body.append(u.publicReply());
            }
            if (u.resolution() != null) {
                body.append(body.length() == 0 ? "" : "\n\n").append("Resolution: ").append(u.resolution());
            }
            Map<String, Object> kwargs = new LinkedHashMap<>();
            kwargs.put("body", body.toString());
            kwargs.put("message_type", "comment");
            kwargs.put("subtype_xmlid", "mail.mt_comment");
            kwargs.put("message_id", messageId(key));
            return rpc.execute(call, OdooCrmRecords.TASK, "message_post", List.of(List.of(task)), kwargs).asText();
        }

        private Map<String, Object> statusValues(CallContext call, String status) throws RemoteCallException {
            for (Map.Entry<String, String> closed : OdooCrmRecords.CLOSED.entrySet()) {
                if (closed.getValue().equalsIgnoreCase(status)) {
                    return Map.of("state", closed.getKey());
                }
            }
            JsonNode stages = rpc.execute(call, "project.task.type", "search_read", List.of(List.of(List.of("project_ids", "in",
                    List.of(project(call))))), Map.of("fields", List.of("name"), "order", "sequence, id"));
            List<String> names = new ArrayList<>();
            for (JsonNode s : stages) {
                if (s.path("name").asText().equalsIgnoreCase(status)) {
                    // an open status opens a task that was done or cancelled again (a reopened ticket)
                    return Map.of("stage_id", s.path("id").asLong(), "state", OPEN_STATE);
                }
                names.add(s.path("name").asText());
            }
            throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, config.target() + ": the project '" + config.supportProject()
                    + "' has no stage '" + status + "' (it has " + String.join(", ", names) + ", and Done and Cancelled set the state); "
                    + "add the stage in Odoo or map the status to one of them");
        }
    }
}
