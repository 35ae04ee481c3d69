/**
 * A generic REST connector driven by a mapping: for a remote with a plain JSON REST API and no
 * connector of its own, configure where to create, how to find a document by OAKit's key and where
 * the id is, and send the payloads a {@link dev.oakit.integration.mapping.FieldMapping} produced.
 */
package dev.oakit.integration.rest;
