package dev.oakit.integration.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.ChangeFeed;
import dev.oakit.integration.spi.Connector;
import dev.oakit.integration.spi.HttpAuth;
import dev.oakit.integration.spi.JsonHttp;
import dev.oakit.integration.spi.RemoteCallException;
import dev.oakit.integration.spi.RemoteCreate;
import dev.oakit.integration.spi.RemoteRecord;
import dev.oakit.integration.spi.Watermark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A small ERPNext connector for the tests, on Frappe's REST API: creates Purchase Orders keyed by the unique
 * field {@code custom_oakit_key}, and pulls Supplier and Purchase Order changes on {@code modified}, whose
 * microseconds are the versions.
 */
final class ErpNextConnector implements Connector, RemoteCreate<Map<String, Object>> {
    static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    static final ObjectMapper JSON = new ObjectMapper();

    private final JsonHttp http;
    final AtomicInteger reads = new AtomicInteger();
    /** Called with the number of each read (1, 2, …) before it is sent: a test arms a failure there. */
    volatile IntConsumer beforeRead = n -> { };

    ErpNextConnector(URI base, String tokenHeader) {
        this.http = JsonHttp.builder(base).auth(new HttpAuth() {
            @Override
            public void apply(HttpRequest.Builder request) {
                request.header("Authorization", tokenHeader);
            }

            @Override
            public void refresh(CallContext call) throws RemoteCallException {
                throw RemoteCallException.of(RemoteCallException.Kind.PERMANENT, "the token was refused");
            }
        }).build();
    }

    /** @return the version of a {@code modified} value: its microseconds since the epoch, UTC */
    static long version(String modified) {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.parse(modified, MODIFIED));
    }

    static String modified(long version) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(version, 1_000_000L), (int) Math.floorMod(version, 1_000_000L) * 1000, ZoneOffset.UTC)
                .format(MODIFIED);
    }

    @Override
    public String id() {
        return "erpnext";
    }

    @Override
    public List<RemoteCreate<?>> creates() {
        return List.of(this);
    }

    @Override
    public List<ChangeFeed> feeds() {
        return List.of(new Feed("Supplier", null, List.of("name", "modified", "supplier_name")),
                new Feed("Purchase Order", "purchase-order", List.of("name", "modified", "custom_oakit_key", "supplier", "status")));
    }

    @Override
    public String operation() {
        return "purchase-order";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> payloadType() {
        return (Class) Map.class;
    }

    @Override
    public Optional<String> find(CallContext call, String key) throws RemoteCallException {
        JsonNode found = http.get(call, "/api/resource/Purchase%20Order?filters=" + enc("[[\"custom_oakit_key\",\"=\"," + JSON.valueToTree(key) + "]]"));
        return found.path("data").isEmpty() ? Optional.empty() : Optional.of(found.path("data").get(0).path("name").asText());
    }

    @Override
    public String create(CallContext call, String key, Map<String, Object> payload) throws RemoteCallException {
        Map<String, Object> doc = new java.util.LinkedHashMap<>(payload);
        doc.put("custom_oakit_key", key);
        return http.post(call, "/api/resource/Purchase%20Order", doc).path("data").path("name").asText();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code GET /api/resource/<DocType>} with {@code modified >=}, ordered by modified and name, paged by limit_start. */
    private final class Feed implements ChangeFeed {
        private final String doctype;
        private final String createOperation;
        private final List<String> fields;

        Feed(String doctype, String createOperation, List<String> fields) {
            this.doctype = doctype;
            this.createOperation = createOperation;
            this.fields = fields;
        }

        @Override
        public String entityType() {
            return doctype;
        }

        @Override
        public String createOperation() {
            return createOperation;
        }

        @Override
        public long versionsIn(Duration overlap) {
            return overlap.toNanos() / 1000;
        }

        @Override
        public List<RemoteRecord> since(CallContext call, Watermark from, int limit) throws RemoteCallException {
            beforeRead.accept(reads.incrementAndGet());
            return page(call, from, limit);
        }

        /** One document by name, through the same list call as a page (a notice names the record, the feed reads it). */
        @Override
        public Optional<RemoteRecord> read(CallContext call, String name) throws RemoteCallException {
            return list(call, "[[\"name\",\"=\"," + JSON.valueToTree(name) + "]]", 0, 1).stream().findFirst();
        }

        private List<RemoteRecord> list(CallContext call, String filters, int start, int limit) throws RemoteCallException {
            JsonNode page = http.get(call, "/api/resource/" + doctype.replace(" ", "%20") + "?fields=" + enc(JSON.valueToTree(fields).toString())
                    + "&filters=" + enc(filters) + "&limit_start=" + start + "&limit_page_length=" + limit);
            List<RemoteRecord> records = new ArrayList<>();
            for (JsonNode d : page.path("data")) {
                records.add(new RemoteRecord(entityType(), d.path("name").asText(), version(d.path("modified").asText()),
                        d.path("custom_oakit_key").isTextual() ? d.path("custom_oakit_key").asText() : null, d.toString()));
            }
            return records;
        }

        // tag::feed[]
        // records with modified >= the watermark, in the order (modified, name), the first from.skip() left out
        private List<RemoteRecord> page(CallContext call, Watermark from, int limit) throws RemoteCallException {
            JsonNode page = http.get(call, "/api/resource/" + doctype.replace(" ", "%20") + "?fields=" + enc(JSON.valueToTree(fields).toString())
                    + "&filters=" + enc("[[\"modified\",\">=\",\"" + modified(from.version()) + "\"]]")
                    + "&order_by=" + enc("modified asc, name asc") + "&limit_start=" + from.skip() + "&limit_page_length=" + limit);
            List<RemoteRecord> records = new ArrayList<>();
            for (JsonNode d : page.path("data")) {
                records.add(new RemoteRecord(entityType(), d.path("name").asText(), version(d.path("modified").asText()),
                        d.path("custom_oakit_key").isTextual() ? d.path("custom_oakit_key").asText() : null, d.toString()));
            }
            return records;
        }
        // end::feed[]
    }
}
