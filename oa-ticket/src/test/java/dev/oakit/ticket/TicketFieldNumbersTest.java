package dev.oakit.ticket;

import dev.oakit.core.ValidationException;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.RuleConditions;

import java.math.BigDecimal;
import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Custom field numbers beyond the decimal limits are refused at create and update, naming the field; nothing is stored. */
class TicketFieldNumbersTest {
    static FormSchema purchaseForm() {
        return FormSchema.builder("purchase")
                .number("hours", f -> f.scale(1))
                .money("cost", f -> f.currency("CNY"))
                .build();
    }

    private static TicketFixture desk(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        f.catalog.saveType(f.admin, TicketType.of("purchase", "采购").withForm(purchaseForm()).withDefaultQueue("fac"));
        return f;
    }

    @DbTest
    void aHugeNumberInACustomFieldIsRefusedAtCreate(TestDatabase db) {
        TicketFixture f = desk(db);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> f.tickets.create(user("alice"),
                NewTicket.builder("purchase", "买投影仪").field("hours", new BigDecimal("1e100000000")).build()));
        assertThat(e.code()).isEqualTo(FormSchema.DATA_INVALID);
        assertThat(e.problems()).extracting(Object::toString)
                .containsExactly("hours: is too large: at most 30 digits before the decimal point");
        assertThat(f.queries.list(f.admin, TicketQuery.all()).total()).isZero();
    }

    @DbTest
    void aHugeAmountIsRefusedAtUpdateAndTheTicketKeepsItsFields(TestDatabase db) {
        TicketFixture f = desk(db);
        Ticket t = f.tickets.create(user("alice"), NewTicket.builder("purchase", "买投影仪").field("hours", 1.5)
                .field("cost", Map.of("amount", "3200.00", "currency", "CNY")).build());
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> f.tickets.update(user("alice"), t.id(),
                TicketChanges.none().withFields(Map.<String, Object>of("cost", Map.of("amount", "9".repeat(10_000), "currency", "CNY")))));
        assertThat(e.problems()).extracting(Object::toString).containsExactly("cost.amount: has too many digits: at most 100 in all");
        Map<?, ?> cost = (Map<?, ?>) f.ticket(t.id()).fields().get("cost");
        assertThat(new BigDecimal(cost.get("amount").toString())).isEqualByComparingTo("3200");
    }

    @DbTest
    void dispatchRulesWithAHugeFieldValueAreRefusedBeforeTheyAreSaved(TestDatabase db) {
        TicketFixture f = desk(db);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> DispatchRules.builder()
                .rule("long-jobs", RuleConditions.any().field("hours", new BigDecimal("-1e-100000000")), DispatchOutcome.of("fac", "manual"))
                .build());
        assertThat(e.code()).isEqualTo(DispatchRules.INVALID);
        assertThat(e.problems()).extracting(Object::toString)
                .containsExactly("rules[0].when.fields.hours[0]: has too many decimal places: at most 20");
        assertThat(f.oa.service(TicketRouting.class).dispatchRules(f.admin)).isEqualTo(DispatchRules.none());
    }
}
