/**
 * Branch conditions of process definitions: compiled and evaluated by Google's Common Expression
 * Language (CEL), a sandboxed, non-Turing-complete expression language with no class access and no
 * side effects. Internal: the engine uses it; hosts write conditions as text (see docs/conditions.md).
 */
package dev.oakit.workflow.internal.expr;
