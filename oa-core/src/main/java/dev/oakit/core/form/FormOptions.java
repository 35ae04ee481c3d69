package dev.oakit.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.Actor;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.util.List;

/**
 * The options of select fields as a user sees them ({@code oa.service(FormOptions.class)}): listed in the form,
 * or read from the {@link dev.oakit.core.form.spi.OptionSource} a field names. Engines check submitted values
 * with it; hosts show {@link #options} where a form is filled. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface FormOptions {

    /**
     * @param actor who fills the form; never null
     * @param field a field; never null
     * @return the options the actor may choose: the listed ones, or those of the field's source; empty for a
     *     field that has none; never null
     * @throws ValidationException {@value FormSchema#SCHEMA_INVALID} when the field names a source that is not installed
     */
    List<FieldOption> options(Actor actor, FormField field);

    /**
     * @param schema a form; never null
     * @param path the form's path in the definition that holds it, e.g. {@code form}; never null
     * @return one problem per field (table columns included) that names a source no plugin installed, the
     *     field's path leading; empty when all are installed; never null
     */
    List<ValidationException.Problem> unknownSources(FormSchema schema, String path);

    /**
     * Checks the values of fields with an option source against the source: one look-up per field (table
     * columns: one for all rows). Values the static checks cover ({@link FormSchema#validate}) are not checked again.
     *
     * @param actor who submits the data; never null
     * @param schema the form; never null
     * @param data the form data; never null
     * @param before the data before this change, whose unchanged fields are not checked again; null checks every field
     * @throws ValidationException {@value FormSchema#DATA_INVALID} naming each field whose value the source does not
     *     know or no longer offers
     */
    void check(Actor actor, FormSchema schema, JsonNode data, JsonNode before);
}
