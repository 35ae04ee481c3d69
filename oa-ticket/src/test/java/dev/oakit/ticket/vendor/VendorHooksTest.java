package dev.oakit.ticket.vendor;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.oakit.core.Actor;
import dev.oakit.core.spi.CommandContext;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.NewTicket;
import dev.oakit.ticket.Priority;
import dev.oakit.ticket.Queue;
import dev.oakit.ticket.QueueMember;
import dev.oakit.ticket.Requester;
import dev.oakit.ticket.Ticket;
import dev.oakit.ticket.TicketEvent;
import dev.oakit.ticket.TicketEventKind;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.TicketType;
import dev.oakit.ticket.spi.DispatchHook;
import dev.oakit.ticket.spi.SlaHook;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.oakit.ticket.TicketFixture.user;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vendor replaces dispatch and the SLA clock through the SPI alone ({@link DispatchHook}, {@link SlaHook}):
 * key accounts (customer references {@code VIP-…}) go to the VIP desk, urgent, with a named SLA policy and erin
 * assigned with an explanation; the vendor's SLA hook sees every entry each command writes, in one call per command.
 */
class VendorHooksTest {
    /** The vendor's plugin: only oa-core's and oa-ticket's API and SPI. */
    static final class KeyAccountPlugin implements OaPlugin {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "key-accounts";
        }

        @Override
        public java.util.Set<String> requires() {
            return java.util.Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.replace(DispatchHook.class, new KeyAccountDispatch());
            context.replace(SlaHook.class, (SlaHook) (ctx, ticket, events) ->
                    calls.add(ticket.number() + ": " + String.join(",", events.stream().map(e -> e.kind().name()).toList())));
        }
    }

    static final class KeyAccountDispatch implements DispatchHook {
        @Override
        public Route route(CommandContext ctx, TicketType type, NewTicket request, String channel, Map<String, Object> fields) {
            Requester r = request.requester();
            boolean vip = r != null && r.customerRef() != null && r.customerRef().startsWith("VIP-");
            return vip ? new Route("vip", null, Priority.URGENT, "key-account", "customer " + r.customerRef() + " is a key account")
                    : Route.NONE;
        }

        @Override
        public Assignment assigneeFor(CommandContext ctx, Ticket ticket, Route route) {
            return "vip".equals(ticket.queue()) ? new Assignment("erin", "key accounts go to erin", Map.of("rule", "key-account")) : null;
        }
    }

    @DbTest
    void aVendorRoutesAssignsAndKeepsTheSlaThroughTheSpi(TestDatabase db) {
        KeyAccountPlugin vendor = new KeyAccountPlugin();
        TicketFixture f = new TicketFixture(db, b -> b.plugin(vendor));
        f.queues.saveQueue(f.admin, Queue.of("vip", "大客户"));
        f.queues.setMembers(f.admin, "vip", List.of(QueueMember.agent("erin")));
        Actor bob = user("bob");

        Ticket vip = f.tickets.create(bob, NewTicket.builder("it", "开票系统打不开")
                .requester(Requester.contact("王经理", "wang@example.com", "VIP-0042")).build());
        assertThat(vip.queue()).isEqualTo("vip");
        assertThat(vip.priority()).isEqualTo(Priority.URGENT);
        assertThat(vip.slaPolicy()).isEqualTo("key-account");
        assertThat(vip.assignee()).isEqualTo("erin");
        assertThat(vip.state()).isEqualTo("assigned");
        List<TicketEvent> timeline = f.queries.detail(f.admin, vip.id()).timeline();
        assertThat(timeline).filteredOn(e -> e.kind() == TicketEventKind.DISPATCHED).singleElement()
                .satisfies(e -> {
                    assertThat(e.body()).isEqualTo("key accounts go to erin");
                    assertThat(e.internal()).isTrue();
                    assertThat(e.detail()).containsEntry("rule", "key-account");
                });

        Ticket plain = f.open("鼠标坏了");
        assertThat(plain.queue()).isEqualTo("it");
        assertThat(plain.priority()).isEqualTo(Priority.NORMAL);
        assertThat(plain.assignee()).isNull();

        f.tickets.start(user("erin"), vip.id());
        assertThat(vendor.calls).containsExactly(
                vip.number() + ": CREATED,DISPATCHED,ASSIGNED,STATE_CHANGED",
                plain.number() + ": CREATED",
                vip.number() + ": STATE_CHANGED");
    }

    @Test
    void theVendorPluginNeedsNoInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(new ClassFileImporter().importPackages(VendorHooksTest.class.getPackageName()));
    }
}
