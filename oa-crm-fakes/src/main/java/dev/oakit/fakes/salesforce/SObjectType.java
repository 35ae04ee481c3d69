package dev.oakit.fakes.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sObject type of the fake org: its key prefix and fields, as {@code describe} lists them. The fields a
 * {@link FakeSalesforce#removeField} knob removed are gone from both the describe answer and the writable fields.
 */
final class SObjectType {
    /** One field: its API name, SOAP type, and flags. */
    record Field(String name, String type, boolean required, boolean externalId, boolean unique, boolean writable) {
    }

    final String name;
    final String keyPrefix;
    final Map<String, Field> fields = new LinkedHashMap<>();

    SObjectType(String name, String keyPrefix) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        system("Id", "id");
        system("IsDeleted", "boolean");
        system("CreatedDate", "datetime");
        system("CreatedById", "reference");
        system("LastModifiedDate", "datetime");
        system("LastModifiedById", "reference");
        system("SystemModstamp", "datetime");
    }

    private void system(String n, String type) {
        fields.put(n, new Field(n, type, false, false, false, false));
    }

    SObjectType field(String n, String type) {
        fields.put(n, new Field(n, type, false, false, false, true));
        return this;
    }

    SObjectType required(String n, String type) {
        fields.put(n, new Field(n, type, true, false, false, true));
        return this;
    }

    SObjectType readOnly(String n, String type) {
        fields.put(n, new Field(n, type, false, false, false, false));
        return this;
    }

    /** An external id that is not unique: two records may carry one value (upsert then answers 300). */
    SObjectType externalId(String n) {
        fields.put(n, new Field(n, "string", false, true, false, true));
        return this;
    }

    /** The describe answer: {@code {"name", "keyPrefix", "fields": [...]}}. */
    Map<String, Object> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Field f : fields.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("label", f.name().replace("__c", "").replace('_', ' '));
            m.put("type", f.type());
            m.put("nillable", !f.required() && f.writable());
            m.put("createable", f.writable());
            m.put("updateable", f.writable());
            m.put("externalId", f.externalId());
            m.put("unique", f.unique());
            m.put("idLookup", f.externalId() || f.name().equals("Id"));
            out.add(m);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("keyPrefix", keyPrefix);
        d.put("createable", true);
        d.put("updateable", true);
        d.put("queryable", true);
        d.put("fields", out);
        return d;
    }

    /** The types of the fake org: the standard objects the CRM bridge touches, with its custom fields. */
    static Map<String, SObjectType> org() {
        Map<String, SObjectType> m = new LinkedHashMap<>();
        add(m, new SObjectType("Account", "001").required("Name", "string").field("AccountNumber", "string").field("Phone", "phone")
                .field("Website", "url").field("Type", "picklist").field("Industry", "picklist"));
        add(m, new SObjectType("Contact", "003").field("AccountId", "reference").field("FirstName", "string").required("LastName", "string")
                .field("Email", "email").field("Phone", "phone").externalId("OAKit_Key__c"));
        add(m, new SObjectType("Case", "500").readOnly("CaseNumber", "string").field("AccountId", "reference").field("ContactId", "reference")
                .field("Subject", "string").field("Description", "textarea").field("Type", "picklist").field("Priority", "picklist")
                .field("Status", "picklist").field("Origin", "picklist").field("IsEscalated", "boolean").field("OAKit_Resolution__c", "textarea"));
        add(m, new SObjectType("CaseComment", "00a").required("ParentId", "reference").field("CommentBody", "textarea")
                .field("IsPublished", "boolean"));
        add(m, new SObjectType("User", "005").readOnly("Name", "string").field("FirstName", "string").required("LastName", "string")
                .field("Email", "email").field("ContactId", "reference").field("IsActive", "boolean"));
        add(m, new SObjectType("Quote", "0Q0").required("Name", "string").field("OpportunityId", "reference").field("AccountId", "reference")
                .field("Status", "picklist").field("Discount", "percent").field("GrandTotal", "currency").field("Description", "textarea")
                .field("OAKit_Approval_Status__c", "picklist").field("OAKit_Approval_Comment__c", "textarea")
                .field("OAKit_Requested_By__c", "string").externalId("OAKit_Decision_Key__c"));
        add(m, new SObjectType("Contract", "800").readOnly("ContractNumber", "string").required("AccountId", "reference")
                .field("Status", "picklist").field("StartDate", "date").field("ContractTerm", "int").field("Description", "textarea")
                .field("OAKit_Amount__c", "currency").field("OAKit_Approval_Status__c", "picklist").field("OAKit_Approval_Comment__c", "textarea")
                .field("OAKit_Requested_By__c", "string").externalId("OAKit_Decision_Key__c"));
        return m;
    }

    private static void add(Map<String, SObjectType> m, SObjectType t) {
        m.put(t.name, t);
    }
}
