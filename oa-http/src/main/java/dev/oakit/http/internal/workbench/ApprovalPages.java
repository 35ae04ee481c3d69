package dev.oakit.http.internal.workbench;

import dev.oakit.workflow.ApprovalQueries;
import dev.oakit.workflow.Approvals;
import dev.oakit.workflow.DueState;
import dev.oakit.workflow.ProcessDefinitions;
import dev.oakit.workflow.TodoQuery;
import java.util.ArrayList;
import java.util.List;

/** The approval pages: todo (待办), done, started, cc, an instance, starting a process. */
public final class ApprovalPages implements PageGroup {
    static final int PAGE_SIZE = 20;

    private final Approvals approvals;
    private final ApprovalQueries queries;
    private final ProcessDefinitions definitions;

    public ApprovalPages(Approvals approvals, ApprovalQueries queries, ProcessDefinitions definitions) {
        this.approvals = approvals;
        this.queries = queries;
        this.definitions = definitions;
    }

    @Override
    public List<PageRoute> routes() {
        List<PageRoute> r = new ArrayList<>();
        r.add(PageRoute.get("/approvals/todo", this::todo));
        return r;
    }

    @Override
    public List<NavItem> nav() {
        return List.of(new NavItem("nav.todo", "/approvals/todo", queries::todoCount));
    }

    private View todo(PageCall c) {
        TodoQuery q = query(c);
        return View.page("approvals/todo.jte", "tasks", queries.todo(c.actor(), q), "q", q);
    }

    static TodoQuery query(PageCall c) {
        return new TodoQuery(c.param("process"), c.param("initiator"), null, null, true, c.paramInt("page", 0), PAGE_SIZE,
                c.paramEnum("due", DueState.class));
    }
}
