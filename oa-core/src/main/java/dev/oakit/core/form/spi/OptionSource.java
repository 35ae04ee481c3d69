package dev.oakit.core.form.spi;

import dev.oakit.core.Actor;
import dev.oakit.core.form.FieldOption;
import org.apiguardian.api.API;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Offers the options of select and multi-select fields whose definition names it
 * ({@code "options": {"source": "<id>", "target": "..."}}) and tells whether submitted values are among
 * them. Contributed by a plugin with {@code context.extension(OptionSource.class, source)}.
 *
 * <p>Both methods run while a form is shown or inside the command that submits it (its database
 * transaction is open): they read local data only, never call a remote system, and
 * {@link #lookUp} answers all values of one field with at most one statement. Implementations are
 * thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface OptionSource {

    /** Whether a known value may still be chosen. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    enum State {
        /** The value may be chosen. */
        ACTIVE,
        /** The value exists but may no longer be chosen (disabled, archived). */
        INACTIVE
    }

    /** @return the id form definitions name, e.g. {@code erp.vendor}; unique among the installed sources; never null */
    String id();

    /**
     * @param actor who fills the form (its tenant scopes the data); never null
     * @param target what the field's definition names as target; may be null
     * @return the options the actor may choose now, in display order; never null
     */
    List<FieldOption> options(Actor actor, String target);

    /**
     * @param actor who submits the form; never null
     * @param target what the field's definition names as target; may be null
     * @param values the submitted values of one field; never null, not empty
     * @return the state of each value the source knows; a value it does not know is left out; never null
     */
    Map<String, State> lookUp(Actor actor, String target, Collection<String> values);
}
