package dev.oakit.workflow;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * What people see: todo (待办), done (已办), started by me (我发起的), cc'd to me (抄送我的),
 * instance detail, workbench counts (工作台), the route preview of a start form, and for
 * administrators the process monitor (流程监控). Tenant-scoped and authorised: a user sees
 * instances they took part in, were cc'd on, or administer. Everything here reads only, except
 * {@link #markCcRead}, which is an audited command. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ApprovalQueries {
    /** @return the actor's open tasks (one indexed query) */
    List<Task> todo(Actor actor, TodoQuery query);

    /** @return open tasks offered to the actor in a pool and not claimed yet (待领取) */
    List<Task> pool(Actor actor, TodoQuery query);

    /** @return number of the actor's open tasks */
    long todoCount(Actor actor);

    /** @return tasks the actor acted on, newest first */
    List<Task> done(Actor actor, TodoQuery query);

    /** @return instances the actor started, newest first */
    List<ProcessInstance> startedBy(Actor actor, TodoQuery query);

    /** @return an instance with its tasks and timeline; NotFoundException when the actor may not see it */
    InstanceDetail detail(Actor actor, long instanceId);

    /**
     * Lists what was cc'd to the actor (抄送我的), newest first.
     *
     * @param query read/unread filter and page; null for the first page of everything
     * @return the actor's own cc items only
     */
    List<CcItem> ccToMe(Actor actor, CcQuery query);

    /**
     * Marks a cc item read (已阅). Only its recipient may; marking it again keeps the first time.
     * An audited command ({@code wf.cc.read}).
     *
     * @throws dev.oakit.core.NotFoundException when the cc item does not exist in the actor's tenant
     * @throws dev.oakit.core.ForbiddenException when the actor is not its recipient
     */
    void markCcRead(Actor actor, long ccId);

    /** @return number of the actor's cc items not yet marked read */
    long unreadCcCount(Actor actor);

    /**
     * The counts of the actor's workbench (工作台) in one statement: open tasks, unread cc items,
     * own instances in progress, own instances returned or withdrawn.
     */
    Workbench workbench(Actor actor);

    /**
     * The process monitor (流程监控) of the actor's tenant: running instances per process and per
     * active node, the suspended count, and incidents (service nodes whose job is dead). Reads the
     * state of every running instance of the tenant: meant for an administrator's screen, not for
     * a hot path.
     *
     * @throws dev.oakit.core.ForbiddenException when the actor is not an administrator
     */
    Monitor monitor(Actor admin);

    /**
     * Predicts the route of a start form (审批流程预览) without starting anything: the nodes an
     * instance of the latest version of {@code request.processKey()} would pass, the approvers
     * each would get with the reason, the branch each split would take, and what happens at nodes
     * that resolve nobody. Nothing is written. An incomplete form is accepted: conditions that
     * cannot be evaluated yet are reported in the step's note.
     *
     * @param initiator who would start the instance (approvers depend on their place in the organisation)
     * @param request the start form as it would be submitted; its title and request id are ignored (priority and business key are visible to conditions as {@code instance.*})
     * @throws dev.oakit.core.NotFoundException when the process is not deployed in the initiator's tenant
     */
    RoutePreview preview(Actor initiator, StartRequest request);
}
