/**
 * Extension points for vendors and integrators: {@link dev.oakit.core.spi.OaPlugin} and what a
 * plugin may contribute (job handlers, event listeners and relays, and the extension points of
 * later modules).
 */
package dev.oakit.core.spi;
