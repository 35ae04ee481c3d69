package dev.oakit.spring;

import dev.oakit.core.Actor;
import dev.oakit.core.event.DomainEvent;
import dev.oakit.core.form.FormSchema;
import dev.oakit.core.spi.EventListener;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.WorkflowPlugin;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small Spring Boot host: the workflow plugin and a plugin of its own as beans, and a desk that books leave in its own table. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(HostApp.LeaveDesk.class)
public class HostApp {
    static final String TENANT = "acme";
    static final Actor ADMIN = Actor.admin(TENANT, "root");

    @Bean
    WorkflowPlugin workflowPlugin() {
        return new WorkflowPlugin();
    }

    @Bean
    EventRecorderPlugin eventRecorderPlugin() {
        return new EventRecorderPlugin();
    }

    /** start → the requester's manager → end. */
    static ProcessDefinition leave() {
        return ProcessDefinition.builder("leave").name("请假")
                .form(FormSchema.builder("leave").number("days", f -> f.required().min("0.5").max(30)).build())
                .start("start").approval("manager", a -> a.approver(ApproverRule.manager(1))).end("approved")
                .chain("start", "manager", "approved").build();
    }

    /** The host's business service: its row and the approval it starts share one Spring transaction. */
    public static class LeaveDesk {
        private final JdbcTemplate jdbc;
        private final Approvals approvals;

        public LeaveDesk(JdbcTemplate jdbc, Approvals approvals) {
            this.jdbc = jdbc;
            this.approvals = approvals;
        }

        /** Books the leave and starts its approval; {@code failAfterStart}: the host fails after the approval started. */
        @Transactional
        public long request(String user, int days, boolean failAfterStart) {
            jdbc.update("INSERT INTO host_leave (user_id, days) VALUES (?, ?)", user, days);
            ProcessInstance pi = approvals.start(Actor.of(TENANT, user), StartRequest.of("leave", Map.of("days", days)));
            if (failAfterStart) {
                throw new IllegalStateException("the host's booking failed after approval " + pi.id() + " started");
            }
            return pi.id();
        }

        /** Books the leave; when its approval cannot start, the host catches OAKit's exception and still commits its row. */
        @Transactional
        public String requestOrKeepTheBooking(String user, int days, String processKey) {
            jdbc.update("INSERT INTO host_leave (user_id, days) VALUES (?, ?)", user, days);
            try {
                approvals.start(Actor.of(TENANT, user), StartRequest.of(processKey, Map.of("days", days)));
                return "started";
            } catch (dev.oakit.core.OaException e) {
                return e.code();
            }
        }
    }

    /** A plugin bean of the host: it records the task events delivered to it after commit. */
    public static class EventRecorderPlugin implements OaPlugin {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public void configure(OaPluginContext context) {
            context.eventListener(new Recorder(events));
        }
    }

    static final class Recorder implements EventListener {
        private final List<String> events;

        Recorder(List<String> events) {
            this.events = events;
        }

        @Override
        public boolean accepts(String eventType) {
            return eventType.startsWith("wf.task.");
        }

        @Override
        public void onEvent(DomainEvent event) {
            events.add(event.type() + ":" + event.aggregateId());
        }
    }
}
