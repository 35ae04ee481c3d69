package dev.oakit.erp;

import dev.oakit.core.Checks;
import dev.oakit.core.ValidationException;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A journal entry (voucher, 凭证), e.g. what an approved expense claim becomes: the payload of
 * {@link dev.oakit.erp.spi.ErpConnector#JOURNAL_ENTRY}. Debits and credits balance exactly.
 *
 * @param remark a line for people (the claim's title), or null
 * @param postingDate the posting date, or null for the day the ERP receives it
 * @param lines at least two
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record JournalEntry(String remark, LocalDate postingDate, List<Line> lines) {
    /** Checks the components and the balance. */
    public JournalEntry {
        Checks.optionalText("remark", remark, 500);
        lines = List.copyOf(Checks.elements("lines", lines));
        if (lines.size() < 2) {
            throw ValidationException.of("lines", "a journal entry needs at least two lines, had " + lines.size());
        }
        BigDecimal debit = lines.stream().map(Line::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credit = lines.stream().map(Line::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (debit.compareTo(credit) != 0) {
            throw ValidationException.of("lines", "debits (" + debit.toPlainString() + ") and credits (" + credit.toPlainString()
                    + ") must be equal; the difference is " + debit.subtract(credit).toPlainString());
        }
    }

    /**
     * One line: a debit or a credit on an account.
     *
     * @param account the account as the ERP names it (ERPNext: e.g. {@code Travel Expenses - AC}; Odoo: its code, e.g. {@code 625100}, or name)
     * @param debit zero or more
     * @param credit zero or more; exactly one of debit and credit is more than zero
     * @param costCentre the cost centre, or null
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record Line(String account, BigDecimal debit, BigDecimal credit, String costCentre) {
        /** Checks the components. */
        public Line {
            Checks.text("account", account, 140);
            debit = debit == null ? BigDecimal.ZERO : debit;
            credit = credit == null ? BigDecimal.ZERO : credit;
            Checks.optionalText("costCentre", costCentre, 140);
            if (debit.signum() < 0 || credit.signum() < 0 || debit.signum() + credit.signum() != 1) {
                throw ValidationException.of("debit", "a line debits or credits a positive amount, not both; was debit " + debit.toPlainString()
                        + ", credit " + credit.toPlainString() + " on '" + account + "'");
            }
        }

        /** @return a debit line */
        public static Line debit(String account, String amount, String costCentre) {
            return new Line(account, new BigDecimal(amount), BigDecimal.ZERO, costCentre);
        }

        /** @return a credit line */
        public static Line credit(String account, String amount) {
            return new Line(account, BigDecimal.ZERO, new BigDecimal(amount), null);
        }
    }
}
