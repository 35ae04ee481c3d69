package dev.oakit.core.spi;

import org.apiguardian.api.API;

import java.util.Optional;

/**
 * Finds a user's address for a channel. The default reads the {@code email} and {@code mobile}
 * columns of the directory's {@code oa_core_user} table when that table exists; replace it with
 * {@code context.replace(RecipientResolver.class, ..)} to read addresses from elsewhere.
 *
 * <p>Called by the delivery job (inside its transaction, so {@link Commands#query} joins it),
 * right before the channel sends. Implementations must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RecipientResolver {
    /**
     * @param kind {@link AddressKind#EMAIL} or {@link AddressKind#MOBILE}
     * @return the address, or empty when the user has none (the delivery then ends DEAD, saying so)
     */
    Optional<String> address(String tenantId, String userId, AddressKind kind);
}
