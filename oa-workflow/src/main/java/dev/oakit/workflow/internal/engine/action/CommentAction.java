package dev.oakit.workflow.internal.engine.action;

import dev.oakit.core.ForbiddenException;
import dev.oakit.workflow.WorkflowErrors;
import dev.oakit.workflow.internal.engine.Guards;
import dev.oakit.workflow.internal.engine.InstanceChange;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Comment: participants, cc'd users and administrators add a comment (or attachments), in any state. */
@Singleton
public final class CommentAction implements InstanceAction<ApprovalCommand.Comment> {
    @Inject
    private CommentAction() {
    }

    @Override
    public void decide(InstanceChange r, ApprovalCommand.Comment c) {
        String me = r.actor.userId();
        if (!r.actor.isAdmin() && !me.equals(r.row.initiatorId()) && !r.reads.participates(r.row.id(), me)) {
            throw new ForbiddenException(WorkflowErrors.NOT_PARTICIPANT, "user '" + me + "' does not take part in instance " + r.row.id()
                    + "; participants, cc'd users and administrators may comment");
        }
        r.history("commented", null, null, c.decision().comment(), Guards.attachments(c.decision()));
        r.summary("commented on instance " + r.row.id());
    }
}
