/** Incremental pulls: the changes of a remote entity type read since a stored watermark and accepted through the inbox. */
package dev.oakit.integration.pull;
