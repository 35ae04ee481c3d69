/**
 * Extension points for vendors and integrators: {@link dev.oakit.core.spi.OaPlugin} and what a
 * plugin may contribute (job handlers, event listeners and relays, and the extension points of
 * later modules), and replaceable defaults such as the organisation directory's
 * {@link dev.oakit.core.spi.DirectoryProvider}.
 */
package dev.oakit.core.spi;
