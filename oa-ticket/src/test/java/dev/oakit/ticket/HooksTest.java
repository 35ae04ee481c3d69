package dev.oakit.ticket;

import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.spi.DispatchHook;
import dev.oakit.ticket.spi.SlaHook;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Dispatch and SLA plug in at the create command and at every history entry; request ids make create idempotent. */
class HooksTest {
    /** Air-conditioning goes to facilities and to erin; every history entry is kept as an SLA clock would see it. */
    static final class HookPlugin implements OaPlugin {
        final List<String> slaEvents = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "ticket-hooks-test";
        }

        @Override
        public Set<String> requires() {
            return Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.replace(DispatchHook.class, new DispatchHook() {
                @Override
                public String queueFor(CommandContext ctx, TicketType type, NewTicket request) {
                    return request.title().contains("空调") ? "fac" : null;
                }

                @Override
                public String assigneeFor(CommandContext ctx, Ticket ticket) {
                    return ticket.queue().equals("fac") ? "erin" : null;
                }
            });
            context.replace(SlaHook.class, (SlaHook) (ctx, ticket, events) ->
                    events.forEach(e -> slaEvents.add(ticket.number() + " " + e.kind() + (e.toState() == null ? "" : " " + e.fromState() + ">" + e.toState()))));
        }
    }

    @DbTest
    void dispatchChoosesQueueAndAgentAndTheSlaHookSeesEveryEntry(TestDatabase db) {
        HookPlugin hooks = new HookPlugin();
        TicketFixture f = new TicketFixture(db, b -> b.plugin(hooks));
        Ticket ac = f.tickets.create(user("alice"), NewTicket.builder("it", "空调不制冷").build());
        assertThat(ac.queue()).isEqualTo("fac");
        assertThat(ac.assignee()).isEqualTo("erin");
        assertThat(ac.state()).isEqualTo("assigned");
        Ticket pc = f.open("电脑蓝屏");
        assertThat(pc.queue()).isEqualTo("it");
        assertThat(pc.assignee()).isNull();
        f.tickets.start(user("erin"), ac.id());
        f.tickets.act(user("erin"), ac.id(), "pend", "等配件");
        f.tickets.reply(user("alice"), ac.id(), "配件到了", List.of());
        f.tickets.resolve(user("erin"), ac.id(), null);
        String n = ac.number();
        assertThat(hooks.slaEvents).filteredOn(e -> e.startsWith(n)).containsExactly(
                n + " CREATED null>new", n + " ASSIGNED", n + " STATE_CHANGED new>assigned", n + " STATE_CHANGED assigned>in_progress",
                n + " STATE_CHANGED in_progress>pending", n + " REQUESTER_REPLY", n + " STATE_CHANGED pending>in_progress",
                n + " RESOLVED in_progress>resolved");
    }

    @DbTest
    void aRepeatedRequestIdCreatesOneTicket(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket first = f.tickets.create(user("alice"), NewTicket.builder("it", "重复提交").requestId("form-42").build());
        Ticket again = f.tickets.create(user("alice"), NewTicket.builder("it", "重复提交").requestId("form-42").build());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.number()).isEqualTo(first.number());
        assertThat(f.queries.list(user("alice"), TicketQuery.all()).total()).isEqualTo(1);
    }
}
