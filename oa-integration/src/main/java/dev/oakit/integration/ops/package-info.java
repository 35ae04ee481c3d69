/** Operations on the integration's records: one view of dead letters, the retention purge. */
package dev.oakit.integration.ops;
