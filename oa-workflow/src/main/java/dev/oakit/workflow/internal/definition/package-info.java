/** Checks of process definitions before they are deployed ({@link dev.oakit.workflow.internal.definition.DefinitionValidator}). */
package dev.oakit.workflow.internal.definition;
