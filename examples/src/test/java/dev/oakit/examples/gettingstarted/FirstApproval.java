package dev.oakit.examples.gettingstarted;

// tag::first-approval[]
import dev.oakit.core.Actor;
import dev.oakit.core.OaKit;
import dev.oakit.core.directory.Directory;
import dev.oakit.core.directory.ImportFormat;
import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.Decision;
import dev.oakit.workflow.HistoryEntry;
import dev.oakit.workflow.InstanceDetail;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.ProcessInstance;
import dev.oakit.workflow.StartRequest;
import dev.oakit.workflow.Task;
import dev.oakit.workflow.TodoQuery;
import dev.oakit.workflow.WorkflowPlugin;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;

public class FirstApproval {
    public static void main(String[] args) {
        try (OaKit oa = start(Path.of("oakit-data"))) {
            InstanceDetail leave = firstLeave(oa);
            System.out.println("leave " + leave.instance().id() + ": " + leave.instance().status());
            for (HistoryEntry step : leave.timeline()) {
                System.out.println("  " + step.at() + " " + step.action() + " by " + step.actorId()
                        + (step.comment() == null ? "" : ": " + step.comment()));
            }
        }
    }

    /** OAKit on its embedded H2 database under {@code dataDirectory}, with the approval engine. */
    static OaKit start(Path dataDirectory) {
        return OaKit.builder()
                .dataDirectory(dataDirectory)  // or .dataSource(yourDataSource)
                .tenant("acme", "ACME")        // created at start unless it exists
                .plugin(new WorkflowPlugin())  // the approval engine (oa-workflow)
                .build()                       // validates everything, no I/O
                .start();                      // migrations, then the job workers
    }

    /** Deploys the leave process, Li Lei asks for two days, his manager Wang Fang approves. */
    static InstanceDetail firstLeave(OaKit oa) {
        Actor admin = Actor.admin("acme", "admin");
        oa.service(Directory.class).importOrganisation(admin, ImportFormat.CSV, new StringReader("""
                type,id,name,parent,head,email,manager,departments,roles
                department,sales,Sales,,wang.fang,,,,
                user,wang.fang,Wang Fang,,,,,sales,
                user,li.lei,Li Lei,,,,wang.fang,sales,
                """));                         // idempotent: a second run changes nothing

        oa.service(ProcessDefinitions.class).deploy(admin, ProcessDefinition.fromYaml("""
                key: leave
                name: Leave request
                form:
                  key: leave
                  fields:
                    - {key: days, type: number, required: true, min: 1, max: 365}
                nodes:
                  - {type: start, id: start}
                  - {type: approval, id: manager, name: Direct manager, approvers: [{type: manager, level: 1}]}
                  - {type: end, id: approved}
                routes:
                  - {from: start, to: manager}
                  - {from: manager, to: approved}
                """));                         // a new version only when the content changed

        Approvals approvals = oa.service(Approvals.class);
        ApprovalQueries queries = oa.service(ApprovalQueries.class);
        Actor liLei = Actor.of("acme", "li.lei");
        Actor wangFang = Actor.of("acme", "wang.fang");

        ProcessInstance leave = approvals.start(liLei, StartRequest.of("leave", Map.of("days", 2)));
        Task task = queries.todo(wangFang, TodoQuery.firstPage()).stream()
                .filter(t -> t.instanceId() == leave.id()).findFirst().orElseThrow();
        approvals.approve(wangFang, task.id(), Decision.comment("enjoy"));
        return queries.detail(liLei, leave.id());  // the instance, its tasks and its timeline
    }
}
// end::first-approval[]
