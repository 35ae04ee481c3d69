package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteField;
import dev.oakit.integration.spi.RemoteMetadata;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A connector that reads ERPNext's DocType meta ({@code frappe.desk.form.load.getdoctype}) as remote metadata. */
final class ErpNextMetadata implements Connector, RemoteMetadata {
    private final String id;
    private final JsonHttp http;

    ErpNextMetadata(String id, URI base, String tokenHeader) {
        this.id = id;
        this.http = JsonHttp.builder(base).auth(new HttpAuth() {
            @Override
            public void apply(HttpRequest.Builder request) {
                request.header("Authorization", tokenHeader);
            }

            @Override
            public void refresh(CallContext call) throws RemoteCallException {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "ERPNext refused the API token");
            }
        }).build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return List.of();
    }

    @Override
    public Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException {
        JsonNode answer;
        try {
            answer = http.get(call, "/api/method/frappe.desk.form.load.getdoctype?doctype=" + URLEncoder.encode(entity, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        } catch (RemoteCallException e) {
            if (e.status() != null && e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        for (JsonNode doc : answer.path("docs")) {
            if (doc.path("name").asText().equals(entity)) {
                List<RemoteField> fields = new ArrayList<>();
                for (JsonNode f : doc.path("fields")) {
                    String type = f.path("fieldtype").asText();
                    fields.add(new RemoteField(f.path("fieldname").asText(), type(type), type, f.path("reqd").asInt() == 1,
                            f.path("label").asText(null)));
                }
                return Optional.of(RemoteEntity.of(entity, fields));
            }
        }
        return Optional.empty();
    }

    static FieldType type(String frappe) {
        return switch (frappe) {
            case "Data", "Select", "Link", "Dynamic Link", "Small Text", "Text", "Long Text", "Text Editor", "Code", "Read Only" -> FieldType.STRING;
            case "Int" -> FieldType.INTEGER;
            case "Check" -> FieldType.BOOLEAN;
            case "Float", "Currency", "Percent" -> FieldType.DECIMAL;
            case "Date" -> FieldType.DATE;
            case "Datetime" -> FieldType.DATETIME;
            case "Table", "Table MultiSelect" -> FieldType.LIST;
            default -> null;
        };
    }
}
