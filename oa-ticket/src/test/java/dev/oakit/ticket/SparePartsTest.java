package dev.oakit.ticket;

import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.spi.PartAvailability;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A field-repair ticket lists its spare parts; {@link SpareParts} checks them against the installed stock source:
 * available, short, or unknown when the source is slow or none is installed.
 */
class SparePartsTest {
    /** A warehouse system in memory: 'Van 3' holds 2 compressors; 'SLOW-1' never answers in time. */
    static final class Warehouse implements OaPlugin, PartAvailability {
        @Override
        public String id() {
            return "warehouse-test";
        }

        @Override
        public Set<String> requires() {
            return Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.replace(PartAvailability.class, this);
        }

        @Override
        public PartStock available(String tenantId, String item, String warehouse, Duration timeout) {
            if (item.equals("SLOW-1")) {
                try {
                    Thread.sleep(timeout.toMillis() * 10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (item.equals("DOWN-1")) {
                return PartStock.unknown(item, warehouse, "the ERP refused the connection");
            }
            return PartStock.of(item, warehouse, Map.of("COMP-1", new BigDecimal("2")).getOrDefault(item, BigDecimal.ZERO));
        }
    }

    private static Ticket repair(TicketFixture f, List<Map<String, Object>> parts) {
        // tag::parts-type[]
        f.catalog.saveType(f.admin, TicketType.of("field-repair", "现场维修")
                .withForm(SpareParts.addField(FormSchema.builder("field-repair")).build()).withDefaultQueue("fac"));
        // end::parts-type[]
        return f.tickets.create(user("alice"), NewTicket.builder("field-repair", "冷库压缩机故障").field(SpareParts.FIELD, parts).build());
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void partsAreAvailableShortOrUnknown(TestDatabase db) {
        TicketFixture f = new TicketFixture(db, b -> b.plugin(new Warehouse()).config("ticket", Map.of("partsTimeout", "PT0.2S")));
        SpareParts parts = f.oa.service(SpareParts.class);
        Ticket t = repair(f, List.of(Map.of("item", "COMP-1", "quantity", 2), Map.of("item", "FAN-7"),
                Map.of("item", "DOWN-1", "warehouse", "Depot"), Map.of("item", "SLOW-1")));

        PartCheck check = parts.check(user("erin"), t.id(), "Van 3");
        assertThat(check.lines()).extracting(PartCheck.Line::item, PartCheck.Line::quantity, PartCheck.Line::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("COMP-1", new BigDecimal("2"), PartCheck.Status.AVAILABLE),
                org.assertj.core.groups.Tuple.tuple("FAN-7", BigDecimal.ONE, PartCheck.Status.SHORT),
                org.assertj.core.groups.Tuple.tuple("DOWN-1", BigDecimal.ONE, PartCheck.Status.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple("SLOW-1", BigDecimal.ONE, PartCheck.Status.UNKNOWN));
        assertThat(check.lines().get(2).stock().warehouse()).isEqualTo("Depot");
        assertThat(check.lines().get(2).stock().reason()).isEqualTo("the ERP refused the connection");
        assertThat(check.lines().get(3).stock().reason()).isEqualTo("the stock system did not answer within PT0.2S");
        assertThat(check.status()).isEqualTo(PartCheck.Status.SHORT);
        assertThat(parts.stock(user("erin"), "COMP-1", "Van 3").available()).isEqualByComparingTo("2");

        Ticket none = f.tickets.create(user("alice"), NewTicket.builder("field-repair", "门禁").build());
        assertThat(parts.check(user("erin"), none.id(), "Van 3").lines()).isEmpty();
        assertThatThrownBy(() -> repair(f, List.of(Map.of("item", "COMP-1", "quantity", -1)))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> parts.check(user("erin"), t.id(), null)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).contains("fields.parts[0].warehouse"));
    }

    @DbTest(only = TestDatabase.Kind.H2)
    void withoutASourceEveryAnswerIsUnknown(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket t = repair(f, List.of(Map.of("item", "COMP-1")));
        PartCheck check = f.oa.service(SpareParts.class).check(user("erin"), t.id(), "Van 3");
        assertThat(check.status()).isEqualTo(PartCheck.Status.UNKNOWN);
        assertThat(check.lines().get(0).stock().reason()).startsWith("no stock system is installed");
    }

    @org.junit.jupiter.api.Test
    void theDocShowsTheCompiledCode() {
        assertThat(dev.oakit.core.testing.DocSnippets.assertShown(java.nio.file.Path.of("../docs/tickets.md"),
                java.nio.file.Path.of("src/test/java/dev/oakit/ticket/SparePartsTest.java"))).containsExactly("parts-type");
    }
}
