/**
 * The workbench's pages (server-rendered HTML, jte templates from {@code src/main/jte}, htmx): routing, language,
 * CSRF, layout and the page groups; no compatibility promise. {@code docs/workbench.md} says how to add a page.
 */
package dev.oakit.http.internal.workbench;
