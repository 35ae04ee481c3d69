package dev.oakit.ticket;

import dev.oakit.core.ForbiddenException;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Making a ticket the parent of another, at create or later, takes the same access: the actor may
 * add children to it (agents of its queue, administrators). A parent the actor may not see answers
 * exactly as an id that does not exist, so ids cannot be probed.
 */
class ParentAccessTest {
    private static final long NO_SUCH_TICKET = 987_654_321L;

    /** The message with the id replaced, to compare the shape of two answers. */
    private static String shape(NotFoundException e, long id) {
        return e.code() + " " + e.getMessage().replace(Long.toString(id), "<id>");
    }

    @DbTest
    void aRequesterCannotAttachAChildToATicketTheyCannotSeeAndLearnsNothingAboutIt(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket alices = f.started("服务器迁移");

        NotFoundException hidden = catchThrowableOfType(NotFoundException.class, () -> f.tickets.create(user("frank"),
                NewTicket.builder("it", "顺便修下我的电脑").parent(alices.id()).build()));
        NotFoundException missing = catchThrowableOfType(NotFoundException.class, () -> f.tickets.create(user("frank"),
                NewTicket.builder("it", "顺便修下我的电脑").parent(NO_SUCH_TICKET).build()));
        assertThat(hidden).isNotNull();
        assertThat(missing).isNotNull();
        assertThat(shape(hidden, alices.id())).isEqualTo(shape(missing, NO_SUCH_TICKET))
                .isEqualTo("OA-TK/NOT_FOUND [OA-TK/NOT_FOUND] ticket <id> does not exist in tenant 'acme'");
        assertThat(f.queries.list(user("frank"), TicketQuery.all()).total()).isZero();
        assertThat(f.queries.detail(f.admin, alices.id()).children()).isEmpty();
        // resolving the parent is not blocked by a child nobody could attach
        assertThat(f.tickets.resolve(user("carol"), alices.id(), null).stateKind()).isEqualTo(StateKind.RESOLVED);
    }

    @DbTest
    void anAgentOfAnotherQueueIsAnsweredAsForAMissingTicketAtCreateAndAtSetParent(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket it = f.open("打印机卡纸");
        Ticket repair = f.tickets.create(user("alice"), NewTicket.builder("repair", "门锁坏了").build());

        NotFoundException atCreate = catchThrowableOfType(NotFoundException.class, () -> f.tickets.create(user("erin"),
                NewTicket.builder("repair", "换锁芯").requester(Requester.user("alice")).parent(it.id()).build()));
        NotFoundException atSetParent = catchThrowableOfType(NotFoundException.class,
                () -> f.tickets.setParent(user("erin"), repair.id(), it.id()));
        NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                () -> f.tickets.setParent(user("erin"), repair.id(), NO_SUCH_TICKET));
        assertThat(shape(atCreate, it.id())).isEqualTo(shape(atSetParent, it.id())).isEqualTo(shape(missing, NO_SUCH_TICKET));
        assertThat(f.ticket(repair.id()).parentId()).isNull();
    }

    @DbTest
    void whoMaySeeButNotAddChildrenIsToldWhoMay(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        Ticket alices = f.open("新员工入职");
        assertThatThrownBy(() -> f.tickets.create(user("alice"), NewTicket.builder("it", "开通邮箱").parent(alices.id()).build()))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("user 'alice' may not add children to ticket " + alices.number())
                .hasMessageContaining("agents of queue 'it'");
        Ticket child = f.tickets.create(user("carol"), NewTicket.builder("it", "开通邮箱").requester(Requester.user("alice"))
                .parent(alices.id()).build());
        assertThat(child.parentId()).isEqualTo(alices.id());
        Ticket other = f.tickets.create(f.admin, NewTicket.builder("repair", "准备工位").requester(Requester.user("alice"))
                .parent(alices.id()).build());
        assertThat(f.queries.detail(user("carol"), alices.id()).children()).containsExactly(child.id(), other.id());
    }
}
