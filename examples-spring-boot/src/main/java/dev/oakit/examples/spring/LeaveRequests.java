package dev.oakit.examples.spring;

import dev.oakit.core.Actor;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Map;

/** The host's own business service: its leave row and the approval it starts commit or roll back together. */
// tag::service[]
@Service
public class LeaveRequests {
    private final JdbcTemplate jdbc;
    private final Approvals approvals;        // an OAKit service, injected like any bean

    public LeaveRequests(JdbcTemplate jdbc, Approvals approvals) {
        this.jdbc = jdbc;
        this.approvals = approvals;
    }

    /** Books the leave and starts its approval in one Spring transaction. */
    @Transactional
    public long request(String user, LocalDate from, int days) {
        jdbc.update("INSERT INTO leave_request (user_id, first_day, days) VALUES (?, ?, ?)", user, from, days);
        ProcessInstance approval = approvals.start(Actor.of("acme", user),
                StartRequest.of("leave", Map.of("days", days)));
        if (days > 20) {
            // the host's own rule, checked after the start: the row, the approval, its task,
            // audit entry, events and jobs all roll back
            throw new IllegalArgumentException("at most 20 days at once, asked for " + days);
        }
        return approval.id();
    }
}
// end::service[]
