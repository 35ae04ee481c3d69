/** The append-only, hash-chained audit log. */
package dev.oakit.core.audit;
