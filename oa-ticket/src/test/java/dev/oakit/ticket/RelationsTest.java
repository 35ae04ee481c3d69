package dev.oakit.ticket;

import dev.oakit.core.ConflictException;
import dev.oakit.core.ForbiddenException;
import dev.oakit.core.ValidationException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.Map;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parent and child, links, merge and split. */
class RelationsTest {
    @DbTest
    void aParentWaitsForItsOpenChildrenUnlessConfiguredOtherwise(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket parent = f.started("新员工入职");
        Ticket laptop = f.tickets.create(user("bob"), NewTicket.builder("it", "配电脑").requester(Requester.user("alice")).parent(parent.id()).build());
        Ticket desk = f.tickets.create(user("alice"), NewTicket.builder("repair", "搬桌子").build());
        f.tickets.setParent(f.admin, desk.id(), parent.id());
        assertThat(f.queries.detail(user("carol"), parent.id()).children()).containsExactly(laptop.id(), desk.id());

        assertThatThrownBy(() -> f.tickets.resolve(user("carol"), parent.id(), null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("OA-TK/OPEN_CHILDREN").hasMessageContaining(laptop.number()).hasMessageContaining(desk.number());
        assertThatThrownBy(() -> f.tickets.setParent(f.admin, parent.id(), laptop.id())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("cycle");
        f.tickets.claim(user("dave"), laptop.id());
        f.tickets.resolve(user("dave"), laptop.id(), null);
        f.tickets.withdraw(user("alice"), desk.id(), "不用搬了");
        assertThat(f.tickets.resolve(user("carol"), parent.id(), "都办好了").stateKind()).isEqualTo(StateKind.RESOLVED);
    }

    @DbTest
    void withTheRuleOffAParentResolvesWhileChildrenAreOpen(TestDatabase db) {
        TicketFixture f = new TicketFixture(db, b -> b.config("ticket", Map.of("parentWaitsForChildren", false)));
        Ticket parent = f.started("活动筹备");
        f.tickets.create(user("bob"), NewTicket.builder("it", "音响").requester(Requester.user("alice")).parent(parent.id()).build());
        assertThat(f.tickets.resolve(user("carol"), parent.id(), null).stateKind()).isEqualTo(StateKind.RESOLVED);
    }

    @DbTest
    void linksAreRecordedOnBothTicketsOnce(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket a = f.open("服务器宕机");
        Ticket b = f.open("网站打不开");
        TicketLink link = f.tickets.link(user("carol"), a.id(), LinkKind.BLOCKS, b.id());
        assertThat(link.kind()).isEqualTo(LinkKind.BLOCKS);
        assertThatThrownBy(() -> f.tickets.link(user("carol"), a.id(), LinkKind.BLOCKS, b.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.tickets.link(user("alice"), a.id(), LinkKind.RELATED, b.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.tickets.link(user("carol"), a.id(), LinkKind.RELATED, a.id())).isInstanceOf(ValidationException.class);
        assertThat(f.queries.detail(user("carol"), b.id()).links()).singleElement()
                .satisfies(l -> assertThat(l.fromId() + " " + l.kind() + " " + l.toId()).isEqualTo(a.id() + " BLOCKS " + b.id()));
        assertThat(f.queries.detail(user("carol"), a.id()).timeline()).extracting(TicketEvent::kind).contains(TicketEventKind.LINKED);
    }

    @DbTest
    void aMergedTicketIsClosedPointsToTheSurvivorAndItsPeopleFollow(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket survivor = f.started("WiFi 掉线");
        Ticket dup = f.tickets.create(user("frank"), NewTicket.builder("it", "无线网断了").watchers("erin").build());
        Ticket merged = f.tickets.merge(user("bob"), dup.id(), survivor.id(), "同一个故障");
        assertThat(merged.id()).isEqualTo(survivor.id());
        Ticket closed = f.ticket(dup.id());
        assertThat(closed.stateKind()).isEqualTo(StateKind.CLOSED);
        assertThat(closed.mergedInto()).isEqualTo(survivor.id());
        TicketDetail d = f.queries.detail(user("carol"), survivor.id());
        assertThat(d.watchers()).containsExactly("erin", "frank");
        assertThat(d.timeline()).extracting(TicketEvent::kind).contains(TicketEventKind.MERGED);
        // frank follows his problem on the survivor
        assertThat(f.queries.detail(user("frank"), survivor.id()).view()).isEqualTo(TicketView.PUBLIC);
        assertThatThrownBy(() -> f.tickets.merge(user("bob"), dup.id(), survivor.id(), null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("only open tickets merge");
    }

    @DbTest
    void splittingCreatesALinkedTicketForTheSameRequesterAndQueue(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket source = f.tickets.create(user("alice"), NewTicket.builder("it", "电脑和打印机都坏了").category("hw").tags("vip").build());
        Ticket part = f.tickets.split(user("bob"), source.id(), "打印机坏了", "从原工单拆出");
        assertThat(part.number()).isNotEqualTo(source.number());
        assertThat(part.requester()).isEqualTo(Requester.user("alice"));
        assertThat(part.queue()).isEqualTo("it");
        assertThat(part.category()).isEqualTo("hw");
        assertThat(part.tags()).containsExactly("vip");
        assertThat(f.queries.detail(user("alice"), part.id()).links()).singleElement()
                .satisfies(l -> assertThat(l.kind()).isEqualTo(LinkKind.SPLIT_FROM));
        assertThat(f.queries.detail(user("alice"), source.id()).timeline()).extracting(TicketEvent::kind).contains(TicketEventKind.SPLIT);
        assertThatThrownBy(() -> f.tickets.split(user("alice"), source.id(), "x", null)).isInstanceOf(ForbiddenException.class);
    }
}
