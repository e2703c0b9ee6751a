/**
 * The key an imported extra column is stored under: snake case of its header ("Annual Revenue"
 * and "AnnualRevenue" → annual_revenue; Salesforce's __c suffix dropped; HubSpot's
 * "hs_lead_status" stays), so a report export and an API export of the same CRM give the same keys.
 * Shared by the importer and the web app's mapping step.
 */
export function fieldKey(header: string): string {
  const key = header
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/__c$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 63);
  return /^[a-z]/.test(key) ? key : `f_${key}`.replace(/_+$/, '') || 'field';
}
