/** The web workbench's server side: page handlers, templates' models and the SVG charts of the reports; no compatibility promise. */
package dev.oakit.http.internal.workbench;
