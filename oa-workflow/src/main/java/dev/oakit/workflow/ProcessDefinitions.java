package dev.oakit.workflow;

import dev.oakit.core.Actor;
import org.apiguardian.api.API;

import java.util.List;

/**
 * Deploys and reads process definitions. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ProcessDefinitions {
    /**
     * Validates and deploys a definition under its key (admins only, audited). A definition whose
     * content differs from the latest version becomes a new version; identical content returns the
     * latest version with {@code created == false}. Running instances stay on their version.
     *
     * @throws dev.oakit.core.ValidationException listing every problem with its JSON path
     */
    Deployment deploy(Actor actor, ProcessDefinition definition);

    /** Validates without deploying; returns normally when the definition is deployable. */
    void validate(ProcessDefinition definition);

    /** @return the latest version of a process; NotFoundException when none is deployed */
    ProcessDefinition latest(Actor actor, String key);

    /**
     * One deployed version of a process, e.g. the one a running instance was started on
     * ({@link ProcessInstance#processVersion()}): running instances stay on their version when a newer one
     * is deployed. Versions never change once deployed, so they are cached.
     *
     * @param version the version, from 1
     * @return that version of the process
     * @throws dev.oakit.core.NotFoundException when the process has no such version in the actor's tenant
     * @since 0.1
     */
    ProcessDefinition version(Actor actor, String key, int version);

    /** @return every deployed version of every process of the actor's tenant, by key and version */
    List<Deployment> deployments(Actor actor);
}
