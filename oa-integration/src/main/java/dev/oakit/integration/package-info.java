/**
 * The integration machinery for host applications and bridges: the ID map between OAKit's ids and
 * other systems' ids, remote writes that never duplicate, dead letters. Install
 * {@link dev.oakit.integration.IntegrationPlugin}.
 */
package dev.oakit.integration;
