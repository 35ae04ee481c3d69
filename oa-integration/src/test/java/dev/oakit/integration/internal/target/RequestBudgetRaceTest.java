package dev.oakit.integration.internal.target;

import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.internal.boot.OaKitTestAccess;
import dev.oakit.core.spi.CommandSpec;
import dev.oakit.core.spi.Commands;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.ManualClock;
import dev.oakit.core.testing.TestDatabase;
import dev.oakit.integration.IntegrationConfig;
import dev.oakit.integration.IntegrationPlugin;
import org.jdbi.v3.core.Handle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A window another node opens between this node's first take and its look at the window still gives its permits. */
class RequestBudgetRaceTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:01:00Z");

    /** Plays the other node: it opens the window (one permit used) and commits right after this node's first take missed. */
    static final class OtherNodeOpensInBetween extends BudgetRepository {
        private final DataSource otherNode;
        private int takes;

        OtherNodeOpensInBetween(DataSource otherNode) {
            this.otherNode = otherNode;
        }

        @Override
        public boolean take(Handle h, String tenant, String target, long window, int limit) {
            boolean taken = super.take(h, tenant, target, window, limit);
            if (takes++ == 0) {
                try (Connection c = otherNode.getConnection(); Statement st = c.createStatement()) {
                    c.setAutoCommit(true);
                    st.executeUpdate("INSERT INTO oa_int_budget (tenant_id, target, window_start, used) VALUES ('t1', 'shop', "
                            + window + ", 1)");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return taken;
        }
    }

    @DbTest
    void aWindowOpenedByAnotherNodeJustAfterTheFirstTakeStillGivesItsPermits(TestDatabase db) throws Exception {
        OaKit oa = db.start(b -> b.dataSource(db.dataSource()).clock(new ManualClock(NOW)).plugin(new IntegrationPlugin()));
        Commands commands = OaKitTestAccess.commands(oa);
        IntegrationConfig config = new IntegrationConfig(null, null, null, null, null,
                Map.of("shop", new IntegrationConfig.Target(3, Duration.ofMinutes(1), null, null, null)), null);
        RequestBudget budget = new RequestBudget(commands, new OtherNodeOpensInBetween(db.newPool(1)), config);

        Instant nextWindow = commands.execute(CommandSpec.of(Actor.system("t1"), "test.budget.take"), Instant.class,
                ctx -> budget.take(ctx, "shop"));

        assertThat(nextWindow).as("permit taken: the window has 2 of 3 left").isNull();
        assertThat(db.queryLong("SELECT used FROM oa_int_budget WHERE tenant_id = 't1' AND target = 'shop'")).isEqualTo(2);
    }
}
