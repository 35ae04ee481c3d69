/**
 * Forms: a {@link dev.oakit.core.form.FormSchema} describes the fields a user fills (text, number,
 * money, dates, selects, people, attachments, tables); it is defined in JSON/YAML or with a fluent
 * builder, checked when it is defined, compiled to JSON Schema (draft 2020-12) for host UIs, and
 * validates form data reporting every problem at once with its path ({@code items[2].amount}).
 * {@link dev.oakit.core.form.FormAccess} applies per-step field permissions
 * ({@link dev.oakit.core.form.FieldAccess}) for reading and writing.
 *
 * <p>All types here are immutable and thread-safe unless a type says otherwise (builders are not).
 * Methods reject null arguments with {@link java.lang.NullPointerException} unless documented.
 *
 * <p>Format and rules: {@code docs/forms.md}.
 *
 * @since 0.1
 */
package dev.oakit.core.form;
