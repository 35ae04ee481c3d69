package dev.oakit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.form.FieldAccess;
import dev.oakit.core.form.FormSchema;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a {@link ProcessDefinition} in Java. Nodes and routes are kept in the order given.
 * Not thread-safe.
 *
 * <pre>{@code
 * ProcessDefinition leave = ProcessDefinition.builder("leave").name("请假")
 *     .form(leaveForm)
 *     .start("start")
 *     .approval("manager", a -> a.name("直属上级").approver(ApproverRule.manager(1)))
 *     .exclusive("long")
 *     .approval("director", a -> a.approver(ApproverRule.role("director")))
 *     .end("approved")
 *     .route("start", "manager").route("manager", "long")
 *     .when("long", "director", "form.days > 3").otherwise("long", "approved")
 *     .route("director", "approved")
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProcessDefinitionBuilder {
    private final String key;
    private String name;
    private String description;
    private FormSchema form;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private Deadline deadline;

    ProcessDefinitionBuilder(String key) {
        this.key = key;
    }

    /** Sets the display name. */
    public ProcessDefinitionBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Sets the description. */
    public ProcessDefinitionBuilder description(String description) {
        this.description = description;
        return this;
    }

    /** Sets the deadline of every approval node that does not set its own (since 0.2). */
    public ProcessDefinitionBuilder deadline(Deadline deadline) {
        this.deadline = deadline;
        return this;
    }

    /** Sets the start form. */
    public ProcessDefinitionBuilder form(FormSchema form) {
        this.form = form;
        return this;
    }

    /** Adds any node. */
    public ProcessDefinitionBuilder node(Node node) {
        nodes.add(node);
        return this;
    }

    /** Adds the start node (every field editable for the initiator). */
    public ProcessDefinitionBuilder start(String id) {
        return node(new Node.Start(id, null, null));
    }

    /** Adds the start node with the initiator's field access. */
    public ProcessDefinitionBuilder start(String id, Map<String, FieldAccess> fields) {
        return node(new Node.Start(id, null, fields));
    }

    /** Adds an approval node configured by {@code spec}. */
    public ProcessDefinitionBuilder approval(String id, Consumer<ApprovalBuilder> spec) {
        ApprovalBuilder b = new ApprovalBuilder(id);
        spec.accept(b);
        return node(b.build());
    }

    /** Adds a CC node. */
    public ProcessDefinitionBuilder cc(String id, ApproverRule... recipients) {
        return node(new Node.Cc(id, null, List.of(recipients)));
    }

    /** Adds an exclusive split. */
    public ProcessDefinitionBuilder exclusive(String id) {
        return node(new Node.Exclusive(id, null));
    }

    /** Adds a parallel split. */
    public ProcessDefinitionBuilder parallel(String id) {
        return node(new Node.Parallel(id, null));
    }

    /** Adds an inclusive split. */
    public ProcessDefinitionBuilder inclusive(String id) {
        return node(new Node.Inclusive(id, null));
    }

    /** Adds a join of the split {@code split} that waits for every branch. */
    public ProcessDefinitionBuilder join(String id, String split) {
        return node(new Node.Join(id, null, split));
    }

    /**
     * Adds a join of the split {@code split} that passes when the first {@code first} branches
     * arrived (1: a discriminator); the other branches' open tasks are closed.
     *
     * @since 0.1
     */
    public ProcessDefinitionBuilder join(String id, String split, int first) {
        return node(new Node.Join(id, null, split, first));
    }

    /** Adds a service node. */
    public ProcessDefinitionBuilder service(String id, String handler, JsonNode params) {
        return node(new Node.Service(id, null, handler, params, null));
    }

    /** Adds a sub-process node. */
    public ProcessDefinitionBuilder subProcess(String id, String processKey) {
        return node(new Node.SubProcess(id, null, processKey, null));
    }

    /** Adds an approving end. */
    public ProcessDefinitionBuilder end(String id) {
        return node(new Node.End(id, null, Node.Outcome.APPROVED));
    }

    /** Adds a rejecting end. */
    public ProcessDefinitionBuilder rejectEnd(String id) {
        return node(new Node.End(id, null, Node.Outcome.REJECTED));
    }

    /** Adds an unconditional route. */
    public ProcessDefinitionBuilder route(String from, String to) {
        routes.add(Route.of(from, to));
        return this;
    }

    /** Adds unconditional routes along a chain of nodes. */
    public ProcessDefinitionBuilder chain(String... ids) {
        for (int i = 0; i + 1 < ids.length; i++) {
            route(ids[i], ids[i + 1]);
        }
        return this;
    }

    /** Adds a conditional route. */
    public ProcessDefinitionBuilder when(String from, String to, String condition) {
        routes.add(Route.when(from, to, condition));
        return this;
    }

    /** Adds a default route. */
    public ProcessDefinitionBuilder otherwise(String from, String to) {
        routes.add(Route.otherwise(from, to));
        return this;
    }

    /** @return the definition (graph rules are checked on deploy) */
    public ProcessDefinition build() {
        return new ProcessDefinition(key, name, description, form, nodes, routes, deadline);
    }

    /**
     * Configures one approval node.
     *
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public static final class ApprovalBuilder {
        private final String id;
        private String name;
        private ApprovalMode mode;
        private final List<ApproverRule> approvers = new ArrayList<>();
        private BigDecimal passRatio;
        private Boolean veto;
        private Node.NoApprover onEmpty;
        private String emptyUser;
        private Node.InitiatorApprover whenInitiator;
        private Boolean dedupe;
        private final List<String> separateFrom = new ArrayList<>();
        private Node.Resubmit resubmit;
        private Node.OnReject onReject;
        private final Map<String, FieldAccess> fields = new LinkedHashMap<>();
        private Boolean pool;
        private Deadline deadline;

        ApprovalBuilder(String id) {
            this.id = id;
        }

        /** Sets the display name. */
        public ApprovalBuilder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets the mode. */
        public ApprovalBuilder mode(ApprovalMode mode) {
            this.mode = mode;
            return this;
        }

        /** Adds approver rules. */
        public ApprovalBuilder approver(ApproverRule... rules) {
            approvers.addAll(List.of(rules));
            return this;
        }

        /** VOTE: sets the pass ratio and whether one rejection vetoes. */
        public ApprovalBuilder vote(String passRatio, boolean veto) {
            this.mode = ApprovalMode.VOTE;
            this.passRatio = new BigDecimal(passRatio);
            this.veto = veto;
            return this;
        }

        /** Sets what happens when nobody is resolved. */
        public ApprovalBuilder onEmpty(Node.NoApprover policy) {
            this.onEmpty = policy;
            return this;
        }

        /** Gives the task to a named user when nobody is resolved. */
        public ApprovalBuilder onEmptyUser(String userId) {
            this.onEmpty = Node.NoApprover.USER;
            this.emptyUser = userId;
            return this;
        }

        /** Sets what happens when the initiator is an approver. */
        public ApprovalBuilder whenInitiator(Node.InitiatorApprover policy) {
            this.whenInitiator = policy;
            return this;
        }

        /** Auto-approves approvers who approved at the directly preceding approval node. */
        public ApprovalBuilder dedupe() {
            this.dedupe = true;
            return this;
        }

        /** Separation of duties: approvers of these nodes may not approve here. */
        public ApprovalBuilder separateFrom(String... nodeIds) {
            separateFrom.addAll(List.of(nodeIds));
            return this;
        }

        /**
         * Sets what a rejection here does: end the instance (default) or send the form back to the
         * initiator to refill (驳回重填).
         *
         * @since 0.1
         */
        public ApprovalBuilder onReject(Node.OnReject policy) {
            this.onReject = policy;
            return this;
        }

        /** Sets the resubmit policy after a return. */
        public ApprovalBuilder resubmit(Node.Resubmit policy) {
            this.resubmit = policy;
            return this;
        }

        /** Offers one task to the resolved approvers as a pool (claim / release); sets mode ANY. */
        public ApprovalBuilder pool() {
            this.pool = true;
            this.mode = ApprovalMode.ANY;
            return this;
        }

        /** Sets the node's deadline and timeout ladder (since 0.2). */
        public ApprovalBuilder deadline(Deadline deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Sets the approvers' access to a form field. */
        public ApprovalBuilder field(String key, FieldAccess access) {
            fields.put(key, access);
            return this;
        }

        Node.Approval build() {
            return new Node.Approval(id, name, mode, approvers, passRatio, veto, onEmpty, emptyUser, whenInitiator,
                    dedupe, separateFrom, resubmit, fields, pool, deadline, onReject);
        }
    }
}
