/**
 * OAKit approvals for host applications: process definitions ({@link dev.oakit.workflow.ProcessDefinition}),
 * deployment, the approval commands and the todo / done / instance queries.
 */
package dev.oakit.workflow;
