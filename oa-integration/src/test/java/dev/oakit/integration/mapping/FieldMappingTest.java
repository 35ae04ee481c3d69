package dev.oakit.integration.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oakit.core.ValidationException;
import dev.oakit.integration.IntegrationErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMappingTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    static FieldMapping purchaseOrder() {
        MappingDocument doc = MappingDocument.classpath(FieldMappingTest.class, "mappings/purchase-order.yaml");
        return FieldMapping.parse(doc.source(), doc.text());
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void mapsALocalDocumentWithLinesToTheRemotePayloadAndBack() {
        FieldMapping m = purchaseOrder();
        assertThat(m.label()).isEqualTo("mapping 'purchase-order' v2");
        JsonNode local = json("""
                {"vendor": "Acme Supplies", "neededBy": "2026-03-29", "approvedAt": "2026-03-29T00:30:00Z", "total": 1200.505,
                 "lines": [{"sku": "DR-1", "grams": 1500, "price": "19.999"}, {"sku": "DR-2", "grams": 250}]}""");
        ObjectNode remote = m.toRemote(local);
        assertThat(remote).isEqualTo(json("""
                {"supplier": "Acme Supplies", "company": "Acme Corp", "transaction_date": "2026-03-29", "schedule_date": "2026-03-29",
                 "terms": "2026-03-29 01:30:00", "status": "Draft", "grand_total": 1200.50,
                 "items": [{"item_code": "DR-1", "qty": 1.5, "rate": 20.00}, {"item_code": "DR-2", "qty": 0.25}]}"""));
        assertThat(remote.get("grand_total").decimalValue()).as("EUR has two decimals, half-even").hasToString("1200.50");

        ObjectNode back = m.toLocal(remote);
        assertThat(back.get("vendor").asText()).isEqualTo("Acme Supplies");
        assertThat(back.get("approvedAt").asText()).isEqualTo("2026-03-29T00:30:00Z");
        assertThat(back.get("priority").asText()).as("the default went out and comes back").isEqualTo("NORMAL");
        assertThat(back.at("/lines/0/grams").decimalValue()).isEqualByComparingTo("1500");
        assertThat(back.has("company")).as("constants are not read back").isFalse();
    }

    @Test
    void valueProblemsAreListedAtOnceWithTheirPaths() {
        JsonNode local = json("""
                {"neededBy": "29.03.2026", "priority": "LOW", "total": "12,50",
                 "lines": [{"sku": "DR-1", "grams": 10}, {"grams": "x"}]}""");
        assertThatThrownBy(() -> purchaseOrder().toRemote(local)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(IntegrationErrors.MAPPING_VALUE);
            assertThat(e.getMessage()).contains("mapping 'purchase-order' v2");
            assertThat(e.paths()).containsExactly("vendor", "neededBy", "neededBy", "priority", "total", "lines[1].sku", "lines[1].grams");
            assertThat(e.problems().get(3).message()).contains("'LOW'", "[NORMAL, URGENT]", "add it to the transform's values");
        });
    }

    @Test
    void everyProblemOfADocumentAtOnceNamingMappingVersionPathAndFix() {
        String doc = """
                mapping: purchase-order
                version: 3
                target: erpnext
                entity: Purchase Order
                local:
                  vendor: string
                  total: decimal
                  when: date
                  lines: {type: list, fields: {sku: string}}
                required: [supplier, company]
                fields:
                  - {from: vendr, to: supplier}
                  - {from: total, to: grand_total, transform: {type: date}}
                  - {from: total, to: net_total, transform: {type: money, scale: 2}}
                  - {from: when, to: transaction_date, transform: {type: rot13}}
                  - {from: total, to: qty, transform: {type: unit, from: kg, to: lb}}
                  - {from: lines, to: items, fields: [{from: sku, to: item_code}, {from: price, to: rate}]}
                """;
        assertThatThrownBy(() -> FieldMapping.parse("po-v3.yaml", doc)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.code()).isEqualTo(IntegrationErrors.MAPPING_INVALID);
            assertThat(e.getMessage()).startsWith("[OA-INT/MAPPING_INVALID] Invalid mapping 'purchase-order' v3 (po-v3.yaml) (7 problems)");
            assertThat(e.problems()).extracting(Object::toString).containsExactly(
                    "fields[0].from: unknown source field 'vendr': it is not declared under local (known: [vendor, total, when, lines]);"
                            + " fix the name or declare the field with its type",
                    "fields[1].transform: type mismatch: transform 'date' reads a date but local field 'total' is decimal;"
                            + " use another transform or fix the field's type",
                    "fields[2].transform.rounding: declare the rounding rule, one of [UP, DOWN, CEILING, FLOOR, HALF_UP, HALF_DOWN,"
                            + " HALF_EVEN, UNNECESSARY] (UNNECESSARY refuses a value with more decimals)",
                    "fields[3].transform: unknown transform 'rot13'; use one of [copy, date, datetime, enum, unit, money]",
                    "fields[4].transform.scale: converting kg to lb and back is not exact in decimals; declare scale and rounding",
                    "fields[5].fields[1].from: unknown source field 'price': it is not declared under local (known: [sku]);"
                            + " fix the name or declare the field with its type",
                    "required: missing required target 'company': map a local field or a constant to it");
        });
    }

    @Test
    void aRequiredTargetFromAnOptionalFieldNeedsADefaultAndJsonWorksToo() {
        String doc = """
                {"mapping": "vendor", "version": 1, "target": "crm", "entity": "account",
                 "local": {"name": "string", "country": "string"}, "required": ["name", "country"],
                 "fields": [{"from": "name", "to": "name"}, {"from": "country", "to": "country", "default": 7}]}""";
        assertThatThrownBy(() -> FieldMapping.parse("vendor.json", doc)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.problems()).extracting(Object::toString).containsExactly(
                        "fields[0]: remote field 'name' is required but local field 'name' is optional and has no default;"
                                + " mark it required under local or give a default",
                        "fields[1].default: 7 is not a string, the type of local field 'country'"));
    }

    @Test
    void nestedPathsOnBothSides() {
        FieldMapping m = FieldMapping.parse("nested", """
                mapping: contact
                version: 1
                target: crm
                entity: contact
                local:
                  person: {type: object, fields: {first: string, address: {type: object, fields: {city: string}}}}
                fields:
                  - {from: person.first, to: name.given}
                  - {from: person.address.city, to: addr.city}
                """);
        ObjectNode remote = m.toRemote(json("{\"person\": {\"first\": \"Ann\", \"address\": {\"city\": \"Graz\"}}}"));
        assertThat(remote).isEqualTo(json("{\"name\": {\"given\": \"Ann\"}, \"addr\": {\"city\": \"Graz\"}}"));
        assertThat(m.toLocal(remote)).isEqualTo(json("{\"person\": {\"first\": \"Ann\", \"address\": {\"city\": \"Graz\"}}}"));
        assertThat(m.remoteUses()).extracting(FieldMapping.RemoteUse::field).containsExactly("name", "addr");
    }

    @Test
    void remoteUsesNameEachFieldWithTheTypeSentAndLinesUnderTheirEntity() {
        assertThat(purchaseOrder().remoteUses()).extracting(u -> u.entity() + "." + u.field() + ":" + u.type().label()).containsExactly(
                "Purchase Order.supplier:string", "Purchase Order.company:string", "Purchase Order.transaction_date:date",
                "Purchase Order.schedule_date:date", "Purchase Order.terms:datetime", "Purchase Order.status:string",
                "Purchase Order.grand_total:decimal", "Purchase Order.items:list", "Purchase Order Item.item_code:string",
                "Purchase Order Item.qty:decimal", "Purchase Order Item.rate:decimal");
    }
}
