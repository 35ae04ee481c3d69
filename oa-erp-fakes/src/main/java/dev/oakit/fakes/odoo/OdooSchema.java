package dev.oakit.fakes.odoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models the fake knows and their fields, as {@code fields_get} describes them in a stock Odoo with Purchase. */
final class OdooSchema {
    /** A field: its type and the attributes {@code fields_get} reports. Computed fields are readonly and never stored. */
    record Field(String name, String type, String string, boolean required, boolean readonly, String relation,
                 String inverse, List<List<String>> selection, boolean computed) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("string", string);
            m.put("required", required);
            m.put("readonly", readonly);
            m.put("store", !computed || name.startsWith("amount_") || name.equals("price_subtotal"));
            m.put("searchable", true);
            m.put("sortable", true);
            if (relation != null) {
                m.put("relation", relation);
            }
            if (inverse != null) {
                m.put("relation_field", inverse);
            }
            if (selection != null) {
                m.put("selection", selection);
            }
            return m;
        }
    }

    /** A model: technical name, description (for error messages), fields, and the default {@code _order}. */
    record Model(String name, String description, Map<String, Field> fields, String defaultOrder) {
        Field field(String f) {
            return fields.get(f);
        }
    }

    private OdooSchema() {
    }

    static Map<String, Model> standard() {
        Map<String, Model> models = new LinkedHashMap<>();
        add(models, new Builder("res.partner", "Contact", "complete_name asc, id desc")
                .f("name", "char", "Name", false)
                .f("complete_name", "char", "Complete Name", false).computed()
                .f("is_company", "boolean", "Is a Company", false)
                .f("email", "char", "Email", false)
                .f("phone", "char", "Phone", false)
                .f("vat", "char", "Tax ID", false)
                .f("ref", "char", "Reference", false)
                .f("supplier_rank", "integer", "Supplier Rank", false)
                .f("active", "boolean", "Active", false));
        add(models, new Builder("product.product", "Product Variant", "default_code, name, id")
                .f("name", "char", "Product Name", true)
                .f("default_code", "char", "Internal Reference", false)
                .f("type", "selection", "Product Type", false).sel("consu", "Goods", "service", "Service", "combo", "Combo")
                .f("list_price", "float", "Sales Price", false)
                .f("standard_price", "float", "Cost", false)
                .f("qty_available", "float", "Quantity On Hand", false).computed()
                .f("barcode", "char", "Barcode", false)
                .f("active", "boolean", "Active", false));
        add(models, new Builder("account.analytic.account", "Analytic Account", "plan_id, name asc")
                .f("name", "char", "Analytic Account", true)
                .f("code", "char", "Reference", false)
                .f("plan_id", "integer", "Plan", false)
                .f("active", "boolean", "Active", false));
        // account_budget (Odoo 16): a budget's lines per analytic account and period; expenses are planned as negative
        // amounts, and practical_amount (computed from the analytic lines in Odoo) is what was spent, stored as seeded
        add(models, new Builder("crossovered.budget", "Budget", "create_date desc")
                .f("name", "char", "Budget Name", true)
                .f("date_from", "date", "Start Date", true)
                .f("date_to", "date", "End Date", true)
                .f("state", "selection", "Status", false).sel("draft", "Draft", "cancel", "Cancelled", "confirm", "Confirmed",
                        "validate", "Validated", "done", "Done"));
        add(models, new Builder("crossovered.budget.lines", "Budget Line", "date_from desc")
                .f("crossovered_budget_id", "many2one", "Budget", true).rel("crossovered.budget")
                .f("analytic_account_id", "many2one", "Analytic Account", false).rel("account.analytic.account")
                .f("date_from", "date", "Start Date", true)
                .f("date_to", "date", "End Date", true)
                .f("planned_amount", "monetary", "Planned Amount", true)
                .f("practical_amount", "monetary", "Practical Amount", false).readonly()
                .f("crossovered_budget_state", "selection", "Budget State", false).readonly().sel("draft", "Draft", "cancel", "Cancelled",
                        "confirm", "Confirmed", "validate", "Validated", "done", "Done"));
        add(models, new Builder("project.project", "Project", "sequence, name, id")
                .f("name", "char", "Name", true)
                .f("sequence", "integer", "Sequence", false)
                .f("account_id", "many2one", "Analytic Account", false).rel("account.analytic.account")
                .f("active", "boolean", "Active", false));
        add(models, new Builder("hr.employee", "Employee", "name")
                .f("name", "char", "Employee Name", true)
                .f("work_email", "char", "Work Email", false)
                .f("job_title", "char", "Job Title", false)
                .f("parent_id", "many2one", "Manager", false).rel("hr.employee")
                .f("active", "boolean", "Active", false));
        add(models, new Builder("purchase.order", "Purchase Order", "priority desc, id desc")
                .f("name", "char", "Order Reference", true)
                .f("priority", "selection", "Priority", false).sel("0", "Normal", "1", "Urgent")
                .f("origin", "char", "Source Document", false)
                .f("partner_ref", "char", "Vendor Reference", false)
                .f("partner_id", "many2one", "Vendor", true).rel("res.partner")
                .f("date_order", "datetime", "Order Deadline", true)
                .f("date_approve", "datetime", "Confirmation Date", false).readonly()
                .f("date_planned", "datetime", "Expected Arrival", false)
                .f("state", "selection", "Status", false).readonly()
                .sel("draft", "RFQ", "sent", "RFQ Sent", "to approve", "To Approve", "purchase", "Purchase Order", "cancel", "Cancelled")
                .f("order_line", "one2many", "Order Lines", false).rel("purchase.order.line").inv("order_id")
                .f("notes", "html", "Terms and Conditions", false)
                .f("amount_untaxed", "monetary", "Untaxed Amount", false).computed()
                .f("amount_total", "monetary", "Total", false).computed());
        add(models, new Builder("purchase.order.line", "Purchase Order Line", "order_id, sequence, id")
                .f("order_id", "many2one", "Order Reference", true).rel("purchase.order")
                .f("sequence", "integer", "Sequence", false)
                .f("product_id", "many2one", "Product", false).rel("product.product")
                .f("name", "text", "Description", true)
                .f("product_qty", "float", "Quantity", true)
                .f("price_unit", "float", "Unit Price", true)
                .f("price_subtotal", "monetary", "Subtotal", false).computed()
                .f("date_planned", "datetime", "Expected Arrival", false));
        return models;
    }

    private static void add(Map<String, Model> models, Builder b) {
        Map<String, Field> fields = new LinkedHashMap<>();
        fields.put("id", new Field("id", "integer", "ID", false, true, null, null, null, true));
        fields.putAll(b.fields);
        fields.put("display_name", new Field("display_name", "char", "Display Name", false, true, null, null, null, true));
        fields.put("create_date", new Field("create_date", "datetime", "Created on", false, true, null, null, null, true));
        fields.put("write_date", new Field("write_date", "datetime", "Last Updated on", false, true, null, null, null, true));
        models.put(b.name, new Model(b.name, b.description, fields, b.order));
    }

    /** Terse field definitions; each call refines the field added last. */
    private static final class Builder {
        final String name;
        final String description;
        final String order;
        final Map<String, Field> fields = new LinkedHashMap<>();
        Field last;

        Builder(String name, String description, String order) {
            this.name = name;
            this.description = description;
            this.order = order;
        }

        Builder f(String field, String type, String string, boolean required) {
            return put(new Field(field, type, string, required, false, null, null, null, false));
        }

        Builder computed() {
            return put(new Field(last.name(), last.type(), last.string(), false, true, last.relation(), last.inverse(), last.selection(), true));
        }

        Builder readonly() {
            return put(new Field(last.name(), last.type(), last.string(), last.required(), true, last.relation(), last.inverse(), last.selection(), false));
        }

        Builder rel(String relation) {
            return put(new Field(last.name(), last.type(), last.string(), last.required(), last.readonly(), relation, last.inverse(), last.selection(), false));
        }

        Builder inv(String inverse) {
            return put(new Field(last.name(), last.type(), last.string(), last.required(), last.readonly(), last.relation(), inverse, last.selection(), false));
        }

        Builder sel(String... pairs) {
            List<List<String>> s = new java.util.ArrayList<>();
            for (int i = 0; i < pairs.length; i += 2) {
                s.add(List.of(pairs[i], pairs[i + 1]));
            }
            return put(new Field(last.name(), last.type(), last.string(), last.required(), last.readonly(), last.relation(), last.inverse(), List.copyOf(s), last.computed()));
        }

        private Builder put(Field f) {
            fields.put(f.name(), f);
            last = f;
            return this;
        }
    }
}
