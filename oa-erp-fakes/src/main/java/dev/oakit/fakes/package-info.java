/**
 * Shared pieces of the ERP fakes: the in-JVM HTTP server every fake runs on ({@link dev.oakit.fakes.FakeServer}),
 * the failure knobs ({@link dev.oakit.fakes.Failures}), the call log ({@link dev.oakit.fakes.Call}) and the
 * webhook sender ({@link dev.oakit.fakes.Webhooks}). The fakes themselves live in
 * {@code dev.oakit.fakes.odoo} and {@code dev.oakit.fakes.erpnext}.
 *
 * <p>This module is a test kit: hosts add it with test scope. It depends on no other OAKit module.
 */
package dev.oakit.fakes;
