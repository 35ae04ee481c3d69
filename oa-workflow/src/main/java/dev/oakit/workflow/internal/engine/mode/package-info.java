/** The node modes (SEQUENTIAL, ALL, ANY, VOTE): one sealed type, one completion rule per mode, one file each. */
package dev.oakit.workflow.internal.engine.mode;
