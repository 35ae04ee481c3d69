package dev.oakit.integration.mapping;

import dev.oakit.core.Checks;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A mapping document a plugin registers with {@code context.extension(MappingDocument.class, doc)}.
 * OAKit reads every registered document while it is built and fails with all their problems at once.
 *
 * @param source where it comes from, for messages (a resource or file name)
 * @param text the document, YAML or JSON
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MappingDocument(String source, String text) {
    /** Checks the components. */
    public MappingDocument {
        Checks.text("source", source, 500);
        Checks.notNull("text", text);
    }

    /** @return the document in a class path resource, read with the class loader of {@code anchor} */
    public static MappingDocument classpath(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class path resource '" + resource + "'; check its name and that it is packaged");
            }
            return new MappingDocument(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping resource " + resource, e);
        }
    }
}
