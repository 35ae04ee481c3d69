package dev.oakit.integration.internal.mapping;

import dev.oakit.integration.mapping.FieldMapping;
import dev.oakit.integration.mapping.FieldType;
import dev.oakit.integration.mapping.MappingIssue;
import dev.oakit.integration.mapping.MappingIssue.Change;
import dev.oakit.integration.spi.RemoteEntity;
import dev.oakit.integration.spi.RemoteField;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataComparisonTest {
    static final FieldMapping ORDER = FieldMapping.parse("order", """
            mapping: order
            version: 4
            target: odoo
            entity: purchase.order
            local: {vendor: integer, ref: string, due: date, lines: {type: list, fields: {qty: decimal}}}
            fields:
              - {from: vendor, to: partner_id}
              - {from: ref, to: origin}
              - {from: due, to: date_planned}
              - {from: lines, to: order_line, entity: purchase.order.line, fields: [{from: qty, to: product_qty}]}
            """);

    static RemoteField f(String name, FieldType type, String remote) {
        return new RemoteField(name, type, remote, false, null);
    }

    @Test
    void fitsWhenEveryFieldIsThereWithATypeThatTakesWhatIsSent() {
        RemoteEntity order = RemoteEntity.of("purchase.order", List.of(f("partner_id", FieldType.INTEGER, "many2one"),
                f("origin", FieldType.STRING, "char"), f("date_planned", FieldType.STRING, "char"), f("order_line", FieldType.LIST, "one2many")));
        RemoteEntity line = RemoteEntity.of("purchase.order.line", List.of(f("product_qty", FieldType.DECIMAL, "float")));
        assertThat(MetadataComparison.issues(ORDER, Map.of("purchase.order", Optional.of(order), "purchase.order.line", Optional.of(line))))
                .as("a date written as text fits a text field").isEmpty();
    }

    @Test
    void aTypeChangeAndAGoneEntityAreEachReportedOnce() {
        RemoteEntity order = RemoteEntity.of("purchase.order", List.of(f("partner_id", FieldType.STRING, "char"),
                f("origin", FieldType.STRING, "char"), f("date_planned", FieldType.DATETIME, "datetime"), f("order_line", FieldType.LIST, "one2many")));
        List<MappingIssue> issues = MetadataComparison.issues(ORDER, Map.of("purchase.order", Optional.of(order), "purchase.order.line", Optional.empty()));
        assertThat(issues).extracting(MappingIssue::change, MappingIssue::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Change.TYPE_CHANGED, "partner_id"),
                org.assertj.core.groups.Tuple.tuple(Change.TYPE_CHANGED, "date_planned"),
                org.assertj.core.groups.Tuple.tuple(Change.ENTITY_GONE, "product_qty"));
        assertThat(issues.get(0)).hasToString("TYPE_CHANGED purchase.order.partner_id (fields[0]): remote field 'partner_id' is now char (string);"
                + " the mapping sends integer values; change the field back in odoo, or give the rule a transform that produces a string"
                + " in a new version of mapping 'order' v4");
    }
}
