/** The reference connector for Odoo: external JSON-RPC ({@code execute_kw}), {@code purchase.order} keyed by {@code origin}. */
package dev.oakit.erp.odoo;
