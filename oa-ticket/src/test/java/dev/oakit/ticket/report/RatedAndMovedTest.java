package dev.oakit.ticket.report;

import dev.oakit.core.Actor;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.ticket.TicketFixture;
import dev.oakit.ticket.internal.command.Conversation;
import dev.oakit.ticket.internal.command.TicketCommand;
import dev.oakit.ticket.internal.report.ReportEngine;
import dev.oakit.ticket.internal.runner.CommandRunner;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;

import static dev.oakit.ticket.TicketFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command that rates a ticket and moves it (no command of OAKit's does both today; a vendor's command through the
 * internal runner could): the new rating is counted once, where the ticket went, as a rebuild counts it.
 */
class RatedAndMovedTest {
    private static final Actor ROOT = Actor.admin(TicketFixture.T, "root");

    @DbTest
    void aRatingGivenByACommandThatAlsoMovesTheTicketIsCountedOnceWhereItWent(TestDatabase db) {
        TicketFixture f = new TicketFixture(db, b -> b.plugin(new RateAndMovePlugin()).config("core", Map.of("jobs", Map.of("enabled", false))));
        ReportEngine reports = (ReportEngine) f.oa.service(TicketReports.class);
        long id = f.started("评分并搬走").id();
        f.tickets.resolve(user("carol"), id, "好了");

        f.oa.service(RateAndMove.class).rateAndMove(user("alice"), id, 5, "fac");
        reports.rollUp(TicketFixture.T, 100); // the creation and the assignment counted too (the rebuild counts them)

        Map<String, Long> kept = FiguresRollupTest.allFigures(db);
        assertThat(kept).containsEntry("rated|fac", 1L).doesNotContainKey("rated|it");
        FiguresRollupTest.same(reports);
        reports.rebuildFigures(ROOT);
        assertThat(FiguresRollupTest.allFigures(db)).isEqualTo(kept);
    }

    /** One command: the requester rates the resolution and the ticket moves to another queue. */
    public static final class RateAndMove {
        private final CommandRunner runner;
        private final Conversation conversation;

        @Inject
        public RateAndMove(CommandRunner runner, Conversation conversation) {
            this.runner = runner;
            this.conversation = conversation;
        }

        void rateAndMove(Actor requester, long ticketId, int score, String queue) {
            runner.onTicket(requester, ticketId, new TicketCommand.Rate(score, "谢谢"), null, Void.class, (c, reads) -> {
                conversation.rate(c, score, "谢谢", reads);
                c.row.queue = queue;
                c.dirty = true;
                return null;
            });
        }
    }

    /** Exposes the {@link RateAndMove}. */
    static final class RateAndMovePlugin implements OaPlugin {
        @Override
        public String id() {
            return "rate-and-move";
        }

        @Override
        public Set<String> requires() {
            return Set.of("ticket");
        }

        @Override
        public void configure(OaPluginContext context) {
            context.install(binder -> binder.bind(RateAndMove.class));
            context.exposeService(RateAndMove.class);
        }
    }
}
