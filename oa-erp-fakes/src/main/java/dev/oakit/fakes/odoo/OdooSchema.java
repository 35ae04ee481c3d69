package dev.oakit.fakes.odoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models the fake knows and their fields, as {@code fields_get} describes them in a stock Odoo 17 with Purchase,
 *  Accounting, CRM and Project. */
final class OdooSchema {
    private static final java.util.Set<String> STORED_COMPUTED = java.util.Set.of("price_subtotal", "move_name", "date", "balance");

    /** A field: its type and the attributes {@code fields_get} reports. Computed fields are readonly and never stored. */
    record Field(String name, String type, String string, boolean required, boolean readonly, String relation,
                 String inverse, List<List<String>> selection, boolean computed) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("string", string);
            m.put("required", required);
            m.put("readonly", readonly);
            m.put("store", !computed || name.startsWith("amount_") || STORED_COMPUTED.contains(name));
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
                .f("active", "boolean", "Active", false)
                // contacts (base/models/res_partner.py, Odoo 17): a person belongs to its company through parent_id
                .f("parent_id", "many2one", "Related Company", false).rel("res.partner")
                .f("child_ids", "one2many", "Contact", false).rel("res.partner").inv("parent_id")
                .f("commercial_partner_id", "many2one", "Commercial Entity", false).rel("res.partner").computed()
                .f("type", "selection", "Address Type", false).sel("contact", "Contact", "invoice", "Invoice Address",
                        "delivery", "Delivery Address", "other", "Other Address")
                .f("function", "char", "Job Position", false)
                .f("mobile", "char", "Mobile", false)
                .f("website", "char", "Website Link", false)
                .f("comment", "html", "Notes", false));
        // crm (Odoo 17): the sales pipeline; leads and opportunities are one model told apart by type
        add(models, new Builder("crm.stage", "CRM Stages", "sequence, name, id")
                .f("name", "char", "Stage Name", true)
                .f("sequence", "integer", "Sequence", false)
                .f("is_won", "boolean", "Is Won Stage?", false)
                .f("fold", "boolean", "Folded in Pipeline", false));
        add(models, new Builder("crm.tag", "CRM Tag", "name")
                .f("name", "char", "Tag Name", true)
                .f("color", "integer", "Color", false));
        add(models, new Builder("crm.lead", "Lead/Opportunity", "priority desc, id desc")
                .f("name", "char", "Opportunity", true)
                .f("type", "selection", "Type", true).sel("lead", "Lead", "opportunity", "Opportunity")
                .f("partner_id", "many2one", "Customer", false).rel("res.partner")
                .f("partner_name", "char", "Company Name", false)
                .f("contact_name", "char", "Contact Name", false)
                .f("email_from", "char", "Email", false)
                .f("phone", "char", "Phone", false)
                .f("stage_id", "many2one", "Stage", false).rel("crm.stage")
                .f("expected_revenue", "monetary", "Expected Revenue", false)
                .f("probability", "float", "Probability", false)
                .f("priority", "selection", "Priority", false).sel("0", "Low", "1", "Medium", "2", "High", "3", "Very High")
                .f("tag_ids", "many2many", "Tags", false).rel("crm.tag")
                .f("description", "html", "Notes", false)
                .f("date_deadline", "date", "Expected Closing", false)
                .f("date_closed", "datetime", "Closed Date", false).readonly()
                .f("won_status", "selection", "Is Won", false).sel("won", "Won", "lost", "Lost", "pending", "Pending").computed()
                .f("active", "boolean", "Active", false));
        // project (Odoo 17): tasks of a support project are Odoo Community's service requests (it has no helpdesk)
        add(models, new Builder("project.task.type", "Task Stage", "sequence, id")
                .f("name", "char", "Name", true)
                .f("sequence", "integer", "Sequence", false)
                .f("fold", "boolean", "Folded in Kanban", false)
                .f("project_ids", "many2many", "Projects", false).rel("project.project")
                .f("active", "boolean", "Active", false));
        add(models, new Builder("project.tags", "Project Tags", "name")
                .f("name", "char", "Name", true)
                .f("color", "integer", "Color", false));
        add(models, new Builder("project.task", "Task", "priority desc, sequence, id desc")
                .f("name", "char", "Title", true)
                .f("project_id", "many2one", "Project", false).rel("project.project")
                .f("stage_id", "many2one", "Stage", false).rel("project.task.type")
                .f("state", "selection", "State", true).sel("01_in_progress", "In Progress", "02_changes_requested", "Changes Requested",
                        "03_approved", "Approved", "1_done", "Done", "1_canceled", "Cancelled", "04_waiting_normal", "Waiting")
                .f("partner_id", "many2one", "Customer", false).rel("res.partner")
                .f("email_from", "char", "Email From", false)
                .f("description", "html", "Description", false)
                .f("priority", "selection", "Priority", false).sel("0", "Low", "1", "High")
                .f("sequence", "integer", "Sequence", false)
                .f("tag_ids", "many2many", "Tags", false).rel("project.tags")
                .f("date_deadline", "datetime", "Deadline", false)
                .f("date_last_stage_update", "datetime", "Last Stage Update", false).readonly()
                .f("active", "boolean", "Active", false));
        // mail (Odoo 17): the chatter; message_post on a record adds one
        add(models, new Builder("mail.message.subtype", "Message subtypes", "sequence, id")
                .f("name", "char", "Message Type", true)
                .f("internal", "boolean", "Internal Only", false)
                .f("sequence", "integer", "Sequence", false));
        add(models, new Builder("mail.message", "Message", "id desc")
                .f("model", "char", "Related Document Model", false)
                .f("res_id", "many2one_reference", "Related Document ID", false)
                .f("body", "html", "Contents", false)
                .f("subject", "char", "Subject", false)
                .f("message_type", "selection", "Type", true).sel("email", "Incoming Email", "comment", "Comment",
                        "email_outgoing", "Outgoing Email", "notification", "System notification", "auto_comment", "Automated Targeted Notification",
                        "user_notification", "User Specific Notification")
                .f("subtype_id", "many2one", "Subtype", false).rel("mail.message.subtype")
                .f("is_internal", "boolean", "Employee Only", false)
                .f("author_id", "many2one", "Author", false).rel("res.partner")
                .f("email_from", "char", "From", false)
                .f("message_id", "char", "Message-Id", false).readonly()
                .f("date", "datetime", "Date", false));
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
        // account (Odoo 17): a chart of accounts, journals, and journal entries with their lines
        add(models, new Builder("account.account", "Account", "code")
                .f("code", "char", "Code", true)
                .f("name", "char", "Account Name", true)
                .f("account_type", "selection", "Type", true).sel("asset_receivable", "Receivable", "asset_cash", "Bank and Cash",
                        "asset_current", "Current Assets", "liability_payable", "Payable", "liability_current", "Current Liabilities",
                        "income", "Income", "expense", "Expenses")
                .f("deprecated", "boolean", "Deprecated", false));
        add(models, new Builder("account.journal", "Journal", "sequence, type, code")
                .f("name", "char", "Journal Name", true)
                .f("code", "char", "Short Code", true)
                .f("type", "selection", "Type", true).sel("sale", "Sales", "purchase", "Purchase", "cash", "Cash", "bank", "Bank",
                        "general", "Miscellaneous")
                .f("sequence", "integer", "Sequence", false)
                .f("active", "boolean", "Active", false));
        add(models, new Builder("account.move", "Journal Entry", "date desc, name desc, id desc")
                .f("name", "char", "Number", false)
                .f("ref", "char", "Reference", false)
                .f("date", "date", "Date", true)
                .f("move_type", "selection", "Type", true).sel("entry", "Journal Entry", "out_invoice", "Customer Invoice",
                        "out_refund", "Customer Credit Note", "in_invoice", "Vendor Bill", "in_refund", "Vendor Credit Note")
                .f("journal_id", "many2one", "Journal", true).rel("account.journal")
                .f("state", "selection", "Status", true).readonly().sel("draft", "Draft", "posted", "Posted", "cancel", "Cancelled")
                .f("line_ids", "one2many", "Journal Items", false).rel("account.move.line").inv("move_id")
                .f("narration", "html", "Terms and Conditions", false)
                .f("amount_total", "monetary", "Total", false).computed());
        add(models, new Builder("account.move.line", "Journal Item", "date desc, move_name desc, id")
                .f("move_id", "many2one", "Journal Entry", true).rel("account.move")
                .f("move_name", "char", "Number", false).computed()
                .f("date", "date", "Date", false).computed()
                .f("account_id", "many2one", "Account", true).rel("account.account")
                .f("name", "char", "Label", false)
                .f("debit", "monetary", "Debit", false)
                .f("credit", "monetary", "Credit", false)
                .f("balance", "monetary", "Balance", false).computed()
                .f("analytic_distribution", "json", "Analytic Distribution", false));
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
