package dev.oakit.ticket.routing;

import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.Category;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.TicketRouting;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.dispatch.DispatchOutcome;
import dev.oakit.ticket.dispatch.DispatchRules;
import dev.oakit.ticket.dispatch.DispatchStrategies;

import dev.oakit.ticket.sla.ReopenRule;
import dev.oakit.ticket.sla.SlaPolicy;

import java.time.Duration;
import java.util.List;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The create path reads types, categories, queues, dispatchers, dispatch rules and SLA policies through a cache; every
 * save of them is seen by the very next create of this node.
 */
class ConfigCacheTest {
    @DbTest
    void everySaveOfTheConfigurationIsSeenByTheNextCreate(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        TicketRouting routing = f.oa.service(TicketRouting.class);
        assertThat(f.open("预热").queue()).isEqualTo("it"); // the type, its queue and the (absent) rules are cached now

        f.catalog.saveType(f.admin, TicketType.of("it", "IT 支持").withForm(TicketFixture.itForm()).withDefaultQueue("fac"));
        assertThat(f.open("类型").queue()).as("the type's new default queue").isEqualTo("fac");

        f.queues.saveQueue(f.admin, new Queue("fac", "后勤", null, false));
        assertThatThrownBy(() -> f.open("停用")).isInstanceOf(ValidationException.class).hasMessageContaining("inactive");
        f.queues.saveQueue(f.admin, Queue.of("fac", "后勤"));

        routing.saveDispatchRules(f.admin, DispatchRules.builder()
                .otherwise(new DispatchOutcome("it", DispatchStrategies.ROUND_ROBIN, null, null)).build());
        Ticket routed = f.open("规则");
        assertThat(routed.queue()).as("the saved rules' queue").isEqualTo("it");
        assertThat(routed.assignee()).as("the saved rules' strategy").isNotNull();

        f.queues.setMembers(f.admin, "it", List.of(QueueMember.agent("erin")));
        assertThat(f.open("成员").assignee()).as("the queue's new members: erin only").isEqualTo("erin");

        f.catalog.saveCategory(f.admin, new Category("sw", null, "软件", false));
        assertThatThrownBy(() -> f.tickets.create(user("alice"), NewTicket.builder("it", "分类").category("sw").build()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("inactive");

        routing.saveSlaPolicy(f.admin, SlaPolicy.builder("quick").calendar("24x7")
                .targets("NORMAL", null, null, Duration.ofHours(4)).reopen(ReopenRule.RESUME).build());
        Ticket chosen = f.tickets.create(f.admin, NewTicket.builder("it", "策略").slaPolicy("quick").build());
        assertThat(chosen.slaPolicy()).as("the policy saved a moment ago").isEqualTo("quick");
    }
}
