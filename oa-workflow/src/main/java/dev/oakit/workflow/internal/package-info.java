/** Implementation of the approval engine; no compatibility promise. */
package dev.oakit.workflow.internal;
