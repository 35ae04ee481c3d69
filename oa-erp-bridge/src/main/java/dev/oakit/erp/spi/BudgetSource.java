package dev.oakit.erp.spi;

import dev.oakit.integration.spi.CallContext;
import dev.oakit.integration.spi.RemoteCallException;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An ERP connector that answers how much budget a cost centre still has, for the budget check in an
 * approval route ({@link dev.oakit.erp.BudgetCheck}). One read, within {@link CallContext#timeout()}
 * (send each request with {@link CallBudget#next()}); it changes nothing in the ERP. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface BudgetSource {
    /**
     * @param call the call this read is part of
     * @param costCentre the cost centre as the ERP names it
     * @param on the day the budget period must contain
     * @return what the cost centre's budgets of that day still allow spending (planned less actual;
     *     negative when overspent), or empty when the ERP holds no budget for it that day
     * @throws RemoteCallException as any remote call: retryable, ambiguous or permanent
     */
    Optional<BigDecimal> budgetAvailable(CallContext call, String costCentre, LocalDate on) throws RemoteCallException;
}
