/**
 * The route preview: the engine's own decider run on an instance that is never written, as if
 * every approver approved, described step by step; so the preview and the engine cannot disagree.
 */
package dev.oakit.workflow.internal.preview;
