/**
 * Tenants: {@code TenantRepository} owns {@code oa_core_tenant}, {@code TenantService} is the {@code Tenants}
 * facade, and {@code TenantGate} is the one check every command passes (the tenant exists and is active), with a
 * short cache so that the check costs no statement on the hot path.
 */
package dev.oakit.core.internal.tenant;
