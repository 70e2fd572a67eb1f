/**
 * The part of the documented SDRS error catalogue (sdrs-error-codes.tsv, from OTC api-ref
 * appendixes/error_codes.rst: HTTP status, code, message) that the simulator answers with or
 * writes into failed tasks. Kept verbatim here; the `**bold**` markup is the doc's formatting,
 * not the service's text, so messages go out without it (catalogueMessage).
 */
export const SDRS_ERROR_CATALOGUE = {
  "SDRS.0005": [400, "No permission for the operation"],
  "SDRS.0008": [500, "Network connection timeout"],
  "SDRS.0013": [500, "Internal error"],
  "SDRS.0201": [400, "Invalid request parameters"],
  "SDRS.0207": [400, "Invalid protection group ID"],
  "SDRS.0208": [400, "Invalid protected instance ID"],
  "SDRS.0221": [400, "limit value must be greater than 0 or less than 1000"],
  "SDRS.0222": [400, "**offset** value cannot be negative, and must be an integer"],
  "SDRS.0226": [400, "IDs exceed the upper limit"],
  "SDRS.0305": [400, "Insufficient protection group quota"],
  "SDRS.0306": [400, "Insufficient replication pair quota"],
  "SDRS.0405": [500, "Failed to execute the job"],
  "SDRS.0406": [500, "Failed to execute the subjob"],
  "SDRS.1002": [400, "Operation not allowed for the protection group in the current state"],
  "SDRS.1011": [500, "Failed to query the active-active domain"],
  "SDRS.1013": [400, "Protection group not found"],
  "SDRS.1014": [500, "Failed to create the protection group"],
  "SDRS.1016": [500, "Failed to delete the protection group"],
  "SDRS.1027": [400, "Failed to enable protection"],
  "SDRS.1028": [400, "Failed to disable protection"],
  "SDRS.1029": [400, "Failed to perform the planned failover"],
  "SDRS.1030": [400, "Failed to perform the failover"],
  "SDRS.1032": [400, "Failed to enable protection again"],
  "SDRS.1306": [400, "Failed to create the server"],
  "SDRS.1307": [400, "Failed to delete the server"],
  "SDRS.1308": [400, "Failed to stop the server"],
  "SDRS.1312": [400, "Failed to add the NIC to the protected instance"],
  "SDRS.1313": [400, "Failed to delete the NIC from the protected instance"],
  "SDRS.1316": [400, "Server not stopped"],
  "SDRS.1322": [400, "Abnormal system disk of the server"],
  "SDRS.1329": [400, "Failed to modify protected instance specifications"],
  "SDRS.1334": [400, "Private IP address in the subnet is in use"],
  "SDRS.1341": [400, "Another flavor must be used for resizing"],
  "SDRS.1350": [400, "Failed to create the protected instance"],
  "SDRS.1351": [400, "Failed to delete the protected instance"],
  "SDRS.1357": [400, "Production site server locked by system"],
  "SDRS.1359": [400, "Production site server locked by another cloud service"],
  "SDRS.1606": [400, "Failed to create the replication pair and status being error"],
  "SDRS.1607": [400, "Failed to delete the replication pair"],
  "SDRS.1801": [400, "Disk status not available"],
  "SDRS.1802": [400, "Disk encrypted"],
  "SDRS.1812": [400, "Failed to create the disk"],
  "SDRS.1813": [400, "Failed to delete the disk"],
  "SDRS.1820": [400, "Failed to expand the capacity"],
  "SDRS.1821": [400, "Failed to attach the replication pair"],
  "SDRS.1822": [400, "Failed to detach the replication pair"],
  "SDRS.1830": [
    400,
    "Operation not allowed because replication pairs in this protection group are synchronizing data",
  ],
  "SDRS.1832": [
    400,
    "Failed to expand the capacity because a disk in the replication pair is locked",
  ],
  "SDRS.1905": [500, "Failed to create a volume using the snapshot"],
  "SDRS.1910": [400, "IP addresses in the drill VPC conflict"],
  "SDRS.1912": [500, "Failed to create the drill NIC"],
  "SDRS.1918": [500, "Failed to delete the drill NIC"],
  "SDRS.1922": [400, "Failed to create the DR drill"],
  "SDRS.1923": [400, "Failed to delete the DR drill"],
  "SDRS.1929": [400, "Insufficient VPC quota"],
} as const satisfies Record<string, readonly [number, string]>;

export type SdrsErrorCode = keyof typeof SDRS_ERROR_CATALOGUE;

export function isCatalogued(code: string): code is SdrsErrorCode {
  return Object.hasOwn(SDRS_ERROR_CATALOGUE, code);
}

/** The message as the service sends it: the doc's `**` bold markers removed. */
export function catalogueMessage(code: SdrsErrorCode): string {
  return SDRS_ERROR_CATALOGUE[code][1].replaceAll("**", "");
}

export function catalogueStatus(code: SdrsErrorCode): number {
  return SDRS_ERROR_CATALOGUE[code][0];
}
