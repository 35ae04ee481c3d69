package dev.oakit.ticket;

import dev.oakit.core.Actor;
import dev.oakit.core.ConflictException;
import dev.oakit.core.testing.DbTest;
import dev.oakit.core.testing.TestDatabase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every action from every state of the standard lifecycle, as in the table of docs/tickets.md.
 * The actor is every party at once (requester, dispatcher, agent, assignee, administrator), so
 * the table shows what the states allow; who may is tested elsewhere. {@code =} means the state
 * stays (assign on an assigned ticket reassigns it), {@code -} an illegal transition, which must be
 * a ConflictException naming the allowed actions.
 */
class LifecycleTableTest {
    static final String[] ACTIONS = {"assign", "claim", "start", "release", "return", "pend", "resume", "resolve", "accept", "refuse",
            "close", "reopen", "withdraw", "cancel"};
    static final String TABLE = """
            new         | assigned | assigned | -           | -   | -   | -       | -           | -        | -      | -           | -      | -           | cancelled | cancelled
            assigned    | =        | -        | in_progress | new | new | -       | -           | resolved | -      | -           | -      | -           | cancelled | cancelled
            in_progress | =        | -        | -           | -   | new | pending | -           | resolved | -      | -           | -      | -           | -         | cancelled
            pending     | =        | -        | -           | -   | new | -       | in_progress | resolved | -      | -           | -      | -           | -         | cancelled
            resolved    | -        | -        | -           | -   | -   | -       | -           | -        | closed | in_progress | closed | in_progress | -         | -
            closed      | -        | -        | -           | -   | -   | -       | -           | -        | -      | -           | -      | in_progress | -         | -
            cancelled   | -        | -        | -           | -   | -   | -       | -           | -        | -      | -           | -      | -           | -         | -
            """;

    @DbTest
    void everyActionFromEveryStateOfTheStandardLifecycle(TestDatabase db) {
        TicketFixture f = new TicketFixture(db);
        f.queues.setMembers(f.admin, "it", List.of(QueueMember.dispatcher("root"), QueueMember.dispatcher("bob"), QueueMember.agent("carol")));
        Actor all = f.admin;
        List<String> mismatches = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            String state = cells[0];
            List<String> allowed = new ArrayList<>();
            for (int i = 0; i < ACTIONS.length; i++) {
                if (!cells[i + 1].equals("-") && !cells[i + 1].equals("=")) {
                    allowed.add(ACTIONS[i]);
                }
            }
            for (int i = 0; i < ACTIONS.length; i++) {
                String action = ACTIONS[i];
                String expected = cells[i + 1].equals("=") ? state : cells[i + 1];
                Ticket t = inState(f, all, state);
                String outcome;
                try {
                    outcome = switch (action) {
                        case "assign" -> f.tickets.assign(all, t.id(), "carol").state();
                        case "claim" -> f.tickets.claim(all, t.id()).state();
                        default -> f.tickets.act(all, t.id(), action, "理由").state();
                    };
                } catch (ConflictException e) {
                    outcome = "-";
                    boolean namesAllowed = allowed.stream().allMatch(a -> e.getMessage().contains(a))
                            && e.getMessage().contains("Allowed from '" + state + "'");
                    if (!expected.equals("-") || (!namesAllowed && !e.getMessage().contains("ALREADY_ASSIGNED"))) {
                        mismatches.add(state + " --" + action + "--> " + e.getMessage());
                        continue;
                    }
                }
                if (!outcome.equals(expected)) {
                    mismatches.add(state + " --" + action + "--> " + outcome + ", expected " + expected);
                }
                assertThat(f.ticket(t.id()).state()).isEqualTo(outcome.equals("-") ? state : outcome);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** A fresh ticket of root's (requester and assignee) in the state. */
    static Ticket inState(TicketFixture f, Actor all, String state) {
        Ticket t = f.tickets.create(all, NewTicket.builder("it", "状态 " + state).build());
        long id = t.id();
        switch (state) {
            case "new" -> { }
            case "cancelled" -> f.tickets.act(all, id, "cancel", "不要了");
            default -> {
                f.tickets.claim(all, id);
                if (!state.equals("assigned")) {
                    f.tickets.start(all, id);
                }
                if (state.equals("pending")) {
                    f.tickets.act(all, id, "pend", null);
                }
                if (state.equals("resolved") || state.equals("closed")) {
                    f.tickets.resolve(all, id, null);
                }
                if (state.equals("closed")) {
                    f.tickets.accept(all, id, null);
                }
            }
        }
        return f.ticket(id);
    }
}
