package dev.oakit.core.internal.directory;

/**
 * What the directory's reads need to know beyond the provider SPI: whether a role code is
 * unknown. Only OAKit's own provider can tell (its roles are OAKit's tables); a provider that
 * replaced it knows roles those tables do not, so with it no role counts as unknown. Bound in
 * {@code CoreModule} from the provider actually bound.
 */
public interface RoleCatalog {
    /** The catalogue of a replaced provider: it cannot tell an unknown role. */
    RoleCatalog OPEN = (tenantId, roleCode) -> false;

    /** @return true when the tenant has certainly no role with this code */
    boolean isUnknown(String tenantId, String roleCode);
}
