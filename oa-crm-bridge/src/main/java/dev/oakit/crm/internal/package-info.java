/** The implementation of the CRM bridge: the connectors' registry, the flows' jobs and tables; no compatibility promise. */
package dev.oakit.crm.internal;
