package dev.oakit.workflow.internal;

import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.WorkflowErrors;
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

    private final dev.oakit.core.calendar.BusinessCalendars calendars;
    private final dev.oakit.core.form.FormOptions formOptions;

    @Inject
    private DefinitionChecks(Conditions conditions, Set<ApproverResolver> resolvers, Set<ServiceTaskHandler> handlers,
                            dev.oakit.core.calendar.BusinessCalendars calendars, dev.oakit.core.form.FormOptions formOptions) {
        this.calendars = calendars;
        this.formOptions = formOptions;
        this.conditions = conditions;
        this.resolvers = resolvers.stream().map(ApproverResolver::id).collect(Collectors.toUnmodifiableSet());
        this.handlers = handlers.stream().map(ServiceTaskHandler::id).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks the conditions with CEL where they need it; CEL's environment is then built on its background thread
     * ({@link #prepareConditions}) and waited for, here, before the deploy's transaction begins.
     *
     * @throws dev.oakit.core.ValidationException listing every problem
     */
    public void validate(ProcessDefinition d) {
        prepareConditions(d);
        java.util.List<dev.oakit.core.ValidationException.Problem> problems = new java.util.ArrayList<>(
                validator.problems(d, conditions::check, resolvers, handlers));
        // the calendar names are known only here; the format problems came with the validator's
        dev.oakit.workflow.internal.deadline.DeadlineRules.problems(d, calendars.names()).stream()
                .filter(p -> p.path().endsWith(".calendar")).forEach(problems::add);
        // likewise the installed option sources of select fields
        if (d.form() != null) {
            problems.addAll(formOptions.unknownSources(d.form(), "form"));
        }
        if (!problems.isEmpty()) {
            throw new dev.oakit.core.ValidationException(WorkflowErrors.DEFINITION_INVALID, "process definition '" + d.key() + "'",
                    problems);
        }
    }

    /**
     * Starts building CEL's environment in the background when a route of the definition has a condition only CEL reads
     * ({@link Conditions#prepare}); returns at once.
     */
    public static void prepareConditions(ProcessDefinition d) {
        Conditions.prepare(d.routes().stream().map(dev.oakit.workflow.Route::condition).toList());
    }
}
