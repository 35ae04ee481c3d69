/** The reference connector for Salesforce, on its REST API (OAuth 2.0 bearer tokens, sObjects, SOQL, composite). */
package dev.oakit.crm.salesforce;
