/** The workbench's templates, compiled from {@code src/main/jte} by jte-maven-plugin at build time; generated, do not edit. */
package dev.oakit.http.internal.workbench.jte;
