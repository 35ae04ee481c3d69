/**
 * Branch conditions of process definitions, in Google's Common Expression Language (CEL), a sandboxed,
 * non-Turing-complete expression language with no class access and no side effects. Plain comparisons joined by
 * and, or and not are read and answered in Java with CEL's meaning; CEL itself is built for the first condition that
 * needs it. Internal: the engine uses it; hosts write conditions as text (see docs/conditions.md).
 */
package dev.oakit.workflow.internal.expr;
