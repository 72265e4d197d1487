// Bank transfer (对公转账), the default method everywhere. The platform never touches the money:
// it hands out a reference to write in the transfer's memo and, for deposits, the market's
// deposit account; staff (deposits) or the receiving party (contract payments) confirm receipt
// against the bank statement. Refunds are transfers staff make and record, never an API call.
import { getEnv } from "../env.server.ts";
import type { BankAccount, PaymentMethodAdapter } from "./adapter.ts";
import { newPaymentReference } from "./references.ts";

/** The market's deposit account (保证金专户), from MARKET_DEPOSIT_* in the environment. */
export function marketDepositAccount(): BankAccount {
  const env = getEnv();
  return {
    bankName: env.MARKET_DEPOSIT_BANK_NAME,
    accountName: env.MARKET_DEPOSIT_ACCOUNT_NAME,
    accountNumber: env.MARKET_DEPOSIT_ACCOUNT_NUMBER,
  };
}

export const bankTransferAdapter: PaymentMethodAdapter = {
  method: "bank_transfer",
  refundsThroughProvider: false,
  isAvailable: () => true,
  async startCollection(request) {
    return {
      method: "bank_transfer",
      reference: newPaymentReference(request.purpose),
      // a contract payment goes to the seller's own account, which the contract names
      ...(request.purpose === "deposit" ? { bankAccount: marketDepositAccount() } : {}),
    };
  },
  async refund() {
    throw new Error(
      "银行转账由工作人员退回并登记银行流水号 / Bank transfers are refunded by staff, who record the bank reference",
    );
  },
};
