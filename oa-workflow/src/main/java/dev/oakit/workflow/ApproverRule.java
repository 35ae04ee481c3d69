package dev.oakit.workflow;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Who approves (or is cc'd at) a node. A node may list several rules; their results are joined
 * in order, without duplicates. In JSON each rule is an object with a {@code type}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ApproverRule.Users.class, name = "users"),
        @JsonSubTypes.Type(value = ApproverRule.Role.class, name = "role"),
        @JsonSubTypes.Type(value = ApproverRule.DepartmentHead.class, name = "departmentHead"),
        @JsonSubTypes.Type(value = ApproverRule.Manager.class, name = "manager"),
        @JsonSubTypes.Type(value = ApproverRule.ManagerChain.class, name = "managerChain"),
        @JsonSubTypes.Type(value = ApproverRule.InitiatorChooses.class, name = "initiatorChooses"),
        @JsonSubTypes.Type(value = ApproverRule.FormField.class, name = "formField"),
        @JsonSubTypes.Type(value = ApproverRule.Custom.class, name = "custom")
})
public sealed interface ApproverRule {
    /** @return a {@link Users} rule */
    static ApproverRule users(String... ids) {
        return new Users(List.of(ids));
    }

    /** @return a {@link Role} rule */
    static ApproverRule role(String code) {
        return new Role(code);
    }

    /** @return a {@link DepartmentHead} rule for the initiator's department */
    static ApproverRule departmentHead() {
        return new DepartmentHead(null);
    }

    /** @return a {@link Manager} rule */
    static ApproverRule manager(int level) {
        return new Manager(level);
    }

    /** @return a {@link ManagerChain} rule up to a level */
    static ApproverRule managerChain(int upToLevel) {
        return new ManagerChain(upToLevel, null);
    }

    /** @return a {@link ManagerChain} rule up to the first holder of a role */
    static ApproverRule managerChainUpToRole(String role) {
        return new ManagerChain(0, role);
    }

    /** @return an {@link InitiatorChooses} rule */
    static ApproverRule initiatorChooses(int min, int max) {
        return new InitiatorChooses(min, max);
    }

    /** @return a {@link FormField} rule */
    static ApproverRule formField(String key) {
        return new FormField(key);
    }
    /**
     * Specific users, in order.
     *
     * @param ids user ids
     */
    record Users(List<String> ids) implements ApproverRule {
        /** Copies the list. */
        public Users {
            ids = ids == null ? null : List.copyOf(ids);
        }
    }

    /**
     * Every active user holding a role (所有角色成员).
     *
     * @param code role code
     */
    record Role(String code) implements ApproverRule {
    }

    /**
     * The head of a department (部门负责人): of the initiator's primary department, or of the
     * department whose id a form field holds.
     *
     * @param formField key of a department form field, or null for the initiator's department
     */
    record DepartmentHead(String formField) implements ApproverRule {
    }

    /**
     * The initiator's manager N levels up (第N级主管), by the directory's manager rule.
     *
     * @param level 1 for the direct manager
     */
    record Manager(int level) implements ApproverRule {
    }

    /**
     * The chain of the initiator's managers (连续多级主管), from the direct manager up to a level
     * or up to and including the first holder of a role, whichever the rule names.
     *
     * @param upToLevel last level, or 0 when {@code upToRole} is given
     * @param upToRole role that ends the chain, or null
     */
    record ManagerChain(int upToLevel, String upToRole) implements ApproverRule {
    }

    /**
     * Chosen by the initiator (发起人自选), at start: the start command names the users for this node.
     *
     * @param min least number of users to choose (≥ 1)
     * @param max most number of users to choose
     */
    record InitiatorChooses(int min, int max) implements ApproverRule {
    }

    /**
     * The user or users in a form field (a user field, or a multi-select of user ids).
     *
     * @param key form field key
     */
    record FormField(String key) implements ApproverRule {
    }

    /**
     * A resolver contributed by a plugin ({@link dev.oakit.workflow.spi.ApproverResolver}).
     *
     * @param resolver the resolver's id
     * @param params free parameters for it
     */
    record Custom(String resolver, JsonNode params) implements ApproverRule {
    }
}
