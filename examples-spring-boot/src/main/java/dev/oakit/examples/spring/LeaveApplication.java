package dev.oakit.examples.spring;

import dev.oakit.workflow.WorkflowPlugin;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot host with OAKit: the starter builds OAKit on the application's DataSource, starts
 * it with the context and makes its services beans; the host adds the plugins it wants as beans.
 */
@SpringBootApplication
public class LeaveApplication {
    // tag::plugin[]
    /** Every OaPlugin bean is installed; its services (Approvals, ApprovalQueries, …) become beans. */
    @Bean
    WorkflowPlugin workflowPlugin() {
        return new WorkflowPlugin();
    }
    // end::plugin[]

    public static void main(String[] args) {
        SpringApplication.run(LeaveApplication.class, args);
    }
}
