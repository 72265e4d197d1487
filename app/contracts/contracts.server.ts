// 技术合同: the contracts service. Split by job — JSON shaping (contract-json), who may do what and
// list filters (access), entry and editing (entry), the workflow after entry (workflow), the
// registration statement (register-statement) and reading (queries); this module is the door.
export {
  anomalyFlagJson,
  auditEventJson,
  contractInclude,
  contractJson,
  type ContractJson,
  type ContractRow,
} from "./contract-json.server.ts";
export {
  canReadContract,
  contractListOrder,
  contractPermissions,
  contractSides,
  contractSqlWhere,
  contractWhere,
  EDITABLE_STATUSES,
  isStaff,
} from "./access.server.ts";
export { createContract, deleteContract, MAX_OPEN_DRAFTS_PER_ORGANIZATION, updateContract } from "./entry.server.ts";
export { amendContract, cancelContract, reviewContract, submitContract } from "./workflow.server.ts";
export { getContract, listContracts } from "./queries.server.ts";
