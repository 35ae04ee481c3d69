/**
 * The approval commands as data ({@link dev.oakit.workflow.internal.engine.action.ApprovalCommand}) and
 * one small class per action that decides it: who may, in which state, and what changes; none writes.
 */
package dev.oakit.workflow.internal.engine.action;
