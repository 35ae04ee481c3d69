/** The dead-letter view and the retention purge. */
package dev.oakit.integration.internal.ops;
