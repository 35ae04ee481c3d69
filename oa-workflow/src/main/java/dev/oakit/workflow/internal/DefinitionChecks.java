package dev.oakit.workflow.internal;

import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.internal.definition.DefinitionValidator;
import dev.oakit.workflow.internal.expr.Conditions;
import dev.oakit.workflow.spi.ApproverResolver;
import dev.oakit.workflow.spi.ServiceTaskHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.stream.Collectors;

/** Deploy-time validation with the engine's condition language and the installed extensions. */
@Singleton
public final class DefinitionChecks {
    private final Conditions conditions;
    private final Set<String> resolvers;
    private final Set<String> handlers;
    private final DefinitionValidator validator = new DefinitionValidator();

    @Inject
    public DefinitionChecks(Conditions conditions, Set<ApproverResolver> resolvers, Set<ServiceTaskHandler> handlers) {
        this.conditions = conditions;
        this.resolvers = resolvers.stream().map(ApproverResolver::id).collect(Collectors.toUnmodifiableSet());
        this.handlers = handlers.stream().map(ServiceTaskHandler::id).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws dev.oakit.core.ValidationException listing every problem */
    public void validate(ProcessDefinition d) {
        validator.validate(d, conditions::check, resolvers, handlers);
    }
}
