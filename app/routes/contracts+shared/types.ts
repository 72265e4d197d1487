import type { getContract } from "../../contracts/contracts.server.ts";

export type ContractDetail = Awaited<ReturnType<typeof getContract>>;
