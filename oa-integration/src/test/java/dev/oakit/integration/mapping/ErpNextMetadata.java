package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.integration.rest.RestConnector;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteMetadata;
import dev.oakit.integration.spi.RemoteSchemas;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An ERPNext connector for tests: it reads the DocType meta ({@code frappe.desk.form.load.getdoctype}) as
 * remote metadata, and creates the documents of the given mappings through a {@link RestConnector} on
 * {@code /api/resource/<DocType>} with OAKit's key in {@code custom_oakit_key}.
 */
public final class ErpNextMetadata implements Connector, RemoteMetadata {
    private final String id;
    private final JsonHttp http;
    private final RestConnector rest;

    public ErpNextMetadata(String id, URI base, String tokenHeader, FieldMapping... creates) {
        this.id = id;
        HttpAuth auth = new HttpAuth() {
            @Override
            public void apply(HttpRequest.Builder request) {
                request.header("Authorization", tokenHeader);
            }

            @Override
            public void refresh(CallContext call) throws RemoteCallException {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "ERPNext refused the API token");
            }
        };
        this.http = JsonHttp.builder(base).auth(auth).build();
        RestConnector.Builder b = RestConnector.builder(id, base).auth(auth);
        for (FieldMapping m : creates) {
            String doctype = "/api/resource/" + encode(m.entity());
            b.create(new RestConnector.Create(m, "POST", doctype, "custom_oakit_key",
                    doctype + "?filters=" + encode("[[\"custom_oakit_key\",\"=\",\"") + "{key}" + encode("\"]]"),
                    "/data/name", "/data", "/name"));
        }
        this.rest = b.build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return rest.creates();
    }

    @Override
    public Optional<RemoteEntity> entity(CallContext call, String entity) throws RemoteCallException {
        JsonNode answer;
        try {
            answer = http.get(call, "/api/method/frappe.desk.form.load.getdoctype?doctype=" + encode(entity));
        } catch (RemoteCallException e) {
            if (e.status() != null && e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        return RemoteSchemas.frappe(answer, entity);
    }
}
