/** Who may be given a task at an approval node: the one check every assignment path asks. */
package dev.oakit.workflow.internal.assign;
