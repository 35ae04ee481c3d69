package dev.oakit.ticket;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The codes hosts compare with are a contract: none may change or go away once released. */
class TicketErrorsTest {

    @Test
    void theReleasedCodesAreAllThereUnchanged() {
        assertThat(Arrays.stream(TicketErrors.class.getDeclaredFields()).filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(TicketErrorsTest::value)).contains(
                "OA-TK/LIFECYCLE_INVALID", "OA-TK/DISPATCH_RULES_INVALID", "OA-TK/DISPATCH_STRATEGY_INVALID",
                "OA-TK/DISPATCH_STRATEGY_NOT_FOUND", "OA-TK/PRIORITY_WEIGHTS_INVALID", "OA-TK/SLA_INVALID",
                "OA-TK/SLA_POLICY_INVALID", "OA-TK/NOT_FOUND", "OA-TK/TYPE_NOT_FOUND", "OA-TK/QUEUE_NOT_FOUND",
                "OA-TK/NO_USER", "OA-TK/NO_MAILBOX", "OA-TK/FORBIDDEN", "OA-TK/OWN_TICKET", "OA-TK/ILLEGAL_TRANSITION",
                "OA-TK/NOT_OPEN", "OA-TK/CLOSED", "OA-TK/UNASSIGNED", "OA-TK/OPEN_CHILDREN", "OA-TK/NOT_RESOLVED",
                "OA-TK/ALREADY_RATED", "OA-TK/ALREADY_ASSIGNED", "OA-TK/NO_NEW_STATE", "OA-TK/AT_CAPACITY",
                "OA-TK/LINK_EXISTS", "OA-TK/PARENT_CLOSED", "OA-TK/STALE", "OA-TK/MAIL", "OA-TK/MAIL_LOGIN",
                "OA-TK/MAIL_TLS", "OA-TK/MAIL_OUT", "OA-TK/MAIL_PURGED");
    }

    @Test
    void theTypesThatNamedTheirCodesStillDo() {
        assertThat(dev.oakit.ticket.dispatch.DispatchRules.INVALID).isEqualTo(TicketErrors.DISPATCH_RULES_INVALID);
        assertThat(dev.oakit.ticket.dispatch.DispatchStrategies.NOT_FOUND).isEqualTo(TicketErrors.DISPATCH_STRATEGY_NOT_FOUND);
        assertThat(dev.oakit.ticket.sla.SlaClock.INVALID).isEqualTo(TicketErrors.SLA_INVALID);
        assertThat(dev.oakit.ticket.sla.SlaPolicy.INVALID).isEqualTo(TicketErrors.SLA_POLICY_INVALID);
    }

    private static Object value(Field f) {
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
