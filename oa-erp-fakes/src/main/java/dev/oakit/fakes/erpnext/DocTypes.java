package dev.oakit.fakes.erpnext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The DocTypes the fake knows, with the fields a stock ERPNext gives them (a subset: enough to be realistic). */
final class DocTypes {
    /** A DocField as the DocType meta lists it. */
    record Field(String fieldname, String fieldtype, String label, boolean reqd, String options, boolean unique, boolean allowOnSubmit) {
        boolean isTable() {
            return fieldtype.equals("Table");
        }

        boolean isNumber() {
            return List.of("Float", "Currency", "Int", "Check", "Percent").contains(fieldtype);
        }
    }

    /**
     * A DocType.
     *
     * @param autoname how names are made: {@code naming_series:PREFIX-.YYYY.-}, {@code field:<fieldname>},
     *                 {@code hash} (child rows), {@code cost_center} (name - company abbreviation), or
     *                 {@code budget} (cost centre/fiscal year/.###)
     */
    record DocType(String name, String module, boolean submittable, boolean istable, String autoname, Map<String, Field> fields) {
        Field field(String f) {
            return fields.get(f);
        }
    }

    private DocTypes() {
    }

    static Map<String, DocType> standard(String uniqueKeyField) {
        Map<String, DocType> all = new LinkedHashMap<>();
        put(all, new B("Company", "Setup", false, false, "field:company_name")
                .f("company_name", "Data", "Company", true, null).unique()
                .f("abbr", "Data", "Abbr", true, null)
                .f("default_currency", "Link", "Default Currency", true, "Currency"));
        put(all, new B("Supplier", "Buying", false, false, "field:supplier_name")
                .f("supplier_name", "Data", "Supplier Name", true, null)
                .f("supplier_group", "Link", "Supplier Group", false, "Supplier Group")
                .f("supplier_type", "Select", "Supplier Type", false, "Company\nIndividual\nPartnership")
                .f("country", "Link", "Country", false, "Country")
                .f("tax_id", "Data", "Tax ID", false, null)
                .f("email_id", "Data", "Email Id", false, null)
                .f("disabled", "Check", "Disabled", false, null));
        put(all, new B("Item", "Stock", false, false, "field:item_code")
                .f("item_code", "Data", "Item Code", true, null).unique()
                .f("item_name", "Data", "Item Name", false, null)
                .f("item_group", "Link", "Item Group", true, "Item Group")
                .f("stock_uom", "Link", "Default Unit of Measure", true, "UOM")
                .f("is_stock_item", "Check", "Maintain Stock", false, null)
                .f("standard_rate", "Currency", "Standard Selling Rate", false, null)
                .f("valuation_rate", "Currency", "Valuation Rate", false, null)
                .f("disabled", "Check", "Disabled", false, null));
        put(all, new B("Cost Center", "Accounts", false, false, "cost_center")
                .f("cost_center_name", "Data", "Cost Center Name", true, null)
                .f("company", "Link", "Company", true, "Company")
                .f("parent_cost_center", "Link", "Parent Cost Center", false, "Cost Center")
                .f("is_group", "Check", "Is Group", false, null)
                .f("disabled", "Check", "Disabled", false, null));
        put(all, new B("Project", "Projects", false, false, "field:project_name")
                .f("project_name", "Data", "Project Name", true, null).unique()
                .f("status", "Select", "Status", false, "Open\nCompleted\nCancelled")
                .f("company", "Link", "Company", true, "Company")
                .f("cost_center", "Link", "Default Cost Center", false, "Cost Center")
                .f("expected_start_date", "Date", "Expected Start Date", false, null)
                .f("expected_end_date", "Date", "Expected End Date", false, null));
        put(all, new B("Employee", "Setup", false, false, "naming_series:HR-EMP-")
                .f("first_name", "Data", "First Name", true, null)
                .f("last_name", "Data", "Last Name", false, null)
                .f("employee_name", "Data", "Full Name", false, null)
                .f("company", "Link", "Company", true, "Company")
                .f("department", "Link", "Department", false, "Department")
                .f("status", "Select", "Status", true, "Active\nInactive\nSuspended\nLeft")
                .f("user_id", "Link", "User ID", false, "User")
                .f("company_email", "Data", "Company Email", false, null)
                .f("date_of_joining", "Date", "Date of Joining", true, null));
        put(all, new B("Bin", "Stock", false, false, "hash")
                .f("item_code", "Link", "Item Code", true, "Item")
                .f("warehouse", "Link", "Warehouse", true, "Warehouse")
                .f("actual_qty", "Float", "Actual Quantity", false, null)
                .f("reserved_qty", "Float", "Reserved Quantity", false, null)
                .f("ordered_qty", "Float", "Ordered Quantity", false, null)
                .f("projected_qty", "Float", "Projected Qty", false, null)
                .f("stock_uom", "Link", "UOM", false, "UOM"));
        put(all, new B("Fiscal Year", "Accounts", false, false, "field:year")
                .f("year", "Data", "Year Name", true, null).unique()
                .f("year_start_date", "Date", "Year Start Date", true, null)
                .f("year_end_date", "Date", "Year End Date", true, null)
                .f("disabled", "Check", "Disabled", false, null));
        put(all, new B("Budget Account", "Accounts", false, true, "hash")
                .f("account", "Link", "Account", true, "Account")
                .f("budget_amount", "Currency", "Budget Amount", true, null));
        put(all, new B("Budget", "Accounts", true, false, "budget")
                .f("budget_against", "Select", "Budget Against", true, "\nCost Center\nProject")
                .f("company", "Link", "Company", true, "Company")
                .f("cost_center", "Link", "Cost Center", false, "Cost Center")
                .f("project", "Link", "Project", false, "Project")
                .f("fiscal_year", "Link", "Fiscal Year", true, "Fiscal Year")
                .f("applicable_on_material_request", "Check", "Applicable on Material Request", false, null)
                .f("applicable_on_purchase_order", "Check", "Applicable on Purchase Order", false, null)
                .f("applicable_on_booking_actual_expenses", "Check", "Applicable on booking actual expenses", false, null)
                .f("action_if_annual_budget_exceeded", "Select", "Action if Annual Budget Exceeded on Actual", false, "\nStop\nWarn\nIgnore")
                .f("accounts", "Table", "Budget Accounts", true, "Budget Account"));
        put(all, new B("GL Entry", "Accounts", true, false, "hash")
                .f("posting_date", "Date", "Posting Date", false, null)
                .f("account", "Link", "Account", false, "Account")
                .f("cost_center", "Link", "Cost Center", false, "Cost Center")
                .f("debit", "Currency", "Debit Amount", false, null)
                .f("credit", "Currency", "Credit Amount", false, null)
                .f("voucher_type", "Link", "Voucher Type", false, "DocType")
                .f("voucher_no", "Dynamic Link", "Voucher No", false, "voucher_type")
                .f("company", "Link", "Company", false, "Company")
                .f("fiscal_year", "Link", "Fiscal Year", false, "Fiscal Year")
                .f("is_cancelled", "Check", "Is Cancelled", false, null));
        put(all, new B("Purchase Order Item", "Buying", false, true, "hash")
                .f("item_code", "Link", "Item Code", true, "Item")
                .f("item_name", "Data", "Item Name", false, null)
                .f("schedule_date", "Date", "Required By", true, null)
                .f("qty", "Float", "Quantity", true, null)
                .f("uom", "Link", "UOM", true, "UOM")
                .f("conversion_factor", "Float", "UOM Conversion Factor", true, null)
                .f("rate", "Currency", "Rate", false, null)
                .f("amount", "Currency", "Amount", false, null)
                .f("cost_center", "Link", "Cost Center", false, "Cost Center")
                .f("expense_account", "Link", "Expense Account", false, "Account")
                .f("received_qty", "Float", "Received Qty", false, null).allowOnSubmit()
                .f("billed_amt", "Currency", "Billed Amount", false, null).allowOnSubmit());
        B po = new B("Purchase Order", "Buying", true, false, "naming_series:PUR-ORD-.YYYY.-")
                .f("naming_series", "Select", "Series", true, "PUR-ORD-.YYYY.-")
                .f("supplier", "Link", "Supplier", true, "Supplier")
                .f("supplier_name", "Data", "Supplier Name", false, null)
                .f("company", "Link", "Company", true, "Company")
                .f("transaction_date", "Date", "Date", true, null)
                .f("schedule_date", "Date", "Required By", false, null)
                .f("currency", "Link", "Currency", false, "Currency")
                .f("items", "Table", "Items", true, "Purchase Order Item")
                .f("total_qty", "Float", "Total Quantity", false, null)
                .f("total", "Currency", "Total", false, null)
                .f("grand_total", "Currency", "Grand Total", false, null)
                .f("status", "Select", "Status", true, "Draft\nOn Hold\nTo Receive and Bill\nTo Bill\nTo Receive\nCompleted\nCancelled\nClosed\nDelivered").allowOnSubmit()
                .f("per_received", "Percent", "% Received", false, null).allowOnSubmit()
                .f("terms", "Text Editor", "Terms and Conditions", false, null);
        if (uniqueKeyField != null) {
            po.f(uniqueKeyField, "Data", "OAKit Key", false, null).unique();
        }
        put(all, po);
        put(all, new B("Journal Entry Account", "Accounts", false, true, "hash")
                .f("account", "Link", "Account", true, "Account")
                .f("cost_center", "Link", "Cost Center", false, "Cost Center")
                .f("debit_in_account_currency", "Currency", "Debit", false, null)
                .f("credit_in_account_currency", "Currency", "Credit", false, null)
                .f("user_remark", "Small Text", "User Remark", false, null));
        B je = new B("Journal Entry", "Accounts", true, false, "naming_series:ACC-JV-.YYYY.-")
                .f("naming_series", "Select", "Series", true, "ACC-JV-.YYYY.-")
                .f("voucher_type", "Select", "Entry Type", true, "Journal Entry\nBank Entry\nCash Entry\nCredit Card Entry\nDebit Note\nCredit Note\nContra Entry\nExcise Entry\nWrite Off Entry\nOpening Entry\nDepreciation Entry\nExchange Rate Revaluation")
                .f("company", "Link", "Company", true, "Company")
                .f("posting_date", "Date", "Posting Date", true, null)
                .f("cheque_no", "Data", "Reference Number", false, null).allowOnSubmit()
                .f("user_remark", "Small Text", "User Remark", false, null).allowOnSubmit()
                .f("accounts", "Table", "Accounting Entries", true, "Journal Entry Account")
                .f("total_debit", "Currency", "Total Debit", false, null)
                .f("total_credit", "Currency", "Total Credit", false, null);
        if (uniqueKeyField != null) {
            je.f(uniqueKeyField, "Data", "OAKit Key", false, null).unique();
        }
        put(all, je);
        return all;
    }

    private static void put(Map<String, DocType> all, B b) {
        all.put(b.name, new DocType(b.name, b.module, b.submittable, b.istable, b.autoname, b.fields));
    }

    /** The meta as {@code frappe.desk.form.load.getdoctype} and {@code /api/resource/DocType/<name>} give it. */
    static Map<String, Object> meta(DocType d, List<String> removed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("doctype", "DocType");
        m.put("module", d.module());
        m.put("is_submittable", d.submittable() ? 1 : 0);
        m.put("istable", d.istable() ? 1 : 0);
        m.put("autoname", d.autoname().startsWith("naming_series") ? "naming_series:" : d.autoname());
        m.put("sort_field", "modified");
        m.put("sort_order", "DESC");
        List<Map<String, Object>> fields = new ArrayList<>();
        int idx = 0;
        for (Field f : d.fields().values()) {
            if (removed.contains(f.fieldname())) {
                continue;
            }
            Map<String, Object> df = new LinkedHashMap<>();
            df.put("doctype", "DocField");
            df.put("parent", d.name());
            df.put("idx", ++idx);
            df.put("fieldname", f.fieldname());
            df.put("fieldtype", f.fieldtype());
            df.put("label", f.label());
            df.put("reqd", f.reqd() ? 1 : 0);
            df.put("unique", f.unique() ? 1 : 0);
            df.put("allow_on_submit", f.allowOnSubmit() ? 1 : 0);
            if (f.options() != null) {
                df.put("options", f.options());
            }
            fields.add(df);
        }
        m.put("fields", fields);
        return m;
    }

    /** Terse DocType definitions; each refinement applies to the field added last. */
    private static final class B {
        final String name;
        final String module;
        final boolean submittable;
        final boolean istable;
        final String autoname;
        final Map<String, Field> fields = new LinkedHashMap<>();
        Field last;

        B(String name, String module, boolean submittable, boolean istable, String autoname) {
            this.name = name;
            this.module = module;
            this.submittable = submittable;
            this.istable = istable;
            this.autoname = autoname;
        }

        B f(String fieldname, String type, String label, boolean reqd, String options) {
            return put(new Field(fieldname, type, label, reqd, options, false, false));
        }

        B unique() {
            return put(new Field(last.fieldname(), last.fieldtype(), last.label(), last.reqd(), last.options(), true, last.allowOnSubmit()));
        }

        B allowOnSubmit() {
            return put(new Field(last.fieldname(), last.fieldtype(), last.label(), last.reqd(), last.options(), last.unique(), true));
        }

        private B put(Field f) {
            fields.put(f.fieldname(), f);
            last = f;
            return this;
        }
    }
}
