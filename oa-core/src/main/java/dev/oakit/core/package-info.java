/**
 * OAKit core API for host applications: the {@link dev.oakit.core.OaKit} entry point (plain
 * builder and Guice module), the {@link dev.oakit.core.Actor} every command carries, and the
 * exception hierarchy rooted at {@link dev.oakit.core.OaException}.
 */
package dev.oakit.core;
