package dev.oakit.examples.spring;

import dev.oakit.core.Actor;
import dev.oakit.core.directory.Department;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.Membership;
import dev.oakit.core.directory.User;
import dev.oakit.core.form.FormSchema;
import dev.oakit.workflow.ApproverRule;
import dev.oakit.workflow.Deadline;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.Timeout;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Sets up the example's organisation and leave process once the application runs: OAKit has
 * started by then (its lifecycle runs before the runners), so its services work.
 */
@Component
public class Organisation implements ApplicationRunner {
    static final Actor ADMIN = Actor.admin("acme", "root");
    private final Directory directory;
    private final ProcessDefinitions definitions;

    public Organisation(Directory directory, ProcessDefinitions definitions) {
        this.directory = directory;
        this.definitions = definitions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (directory.findUser(ADMIN, "alice").isPresent()) {
            return; // set up on an earlier start
        }
        for (String user : List.of("alice", "bob", "carol")) {
            directory.createUser(ADMIN, User.of(user, user));
        }
        directory.createDepartment(ADMIN, Department.root("eng", "Engineering"));
        directory.saveMembership(ADMIN, Membership.primary("alice", "eng"));
        directory.saveMembership(ADMIN, Membership.primary("bob", "eng"));
        directory.saveMembership(ADMIN, Membership.primary("carol", "eng"));
        directory.updateDepartment(ADMIN, directory.department(ADMIN, "eng").withHead("bob"));
        // long leave also goes to the director: a branch condition, evaluated by CEL
        definitions.deploy(ADMIN, ProcessDefinition.builder("leave").name("Leave")
                .form(FormSchema.builder("leave").number("days", f -> f.required().min(1).max(30)).build())
                .start("start")
                // the manager is reminded when a request waits past 8 working hours
                .approval("manager", a -> a.approver(ApproverRule.manager(1)).deadline(Deadline.of("PT8H").timeouts(Timeout.remind("PT1H"))))
                .exclusive("long")
                .approval("director", a -> a.approver(ApproverRule.users("carol")))
                .end("approved")
                .chain("start", "manager", "long")
                .when("long", "director", "form.days > 10").otherwise("long", "approved")
                .route("director", "approved")
                .build());
    }
}
