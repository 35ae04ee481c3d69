/**
 * A fake Salesforce REST API in the JVM ({@link dev.oakit.fakes.salesforce.FakeSalesforce}): the OAuth 2.0
 * token endpoint, sObject create / read / update / upsert by external id, composite requests, SOQL queries
 * with paging, conditional updates, the API usage limit, and Salesforce's error answers, with the failure
 * knobs of the ERP fakes and a few of its own.
 */
package dev.oakit.fakes.salesforce;
