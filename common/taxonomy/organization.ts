/**
 * What an organization is in the channel, how big it is and which partner designations and
 * standards it holds. Curated by hand: these are the channel's own vocabulary, not a standard.
 * Keys are kebab-case and never change once used (a rename changes the label only).
 */
import { byLabel, type FacetValue } from './types.ts';

/** The roles an organization plays in the channel (one organization may play several), by label. */
export const ORG_ROLES: readonly FacetValue[] = [
  { key: 'vendor', label: 'Vendor' },
  { key: 'reseller', label: 'Reseller' },
  { key: 'referral-partner', label: 'Agent / referral partner' },
  { key: 'ambassador', label: 'Ambassador' },
  { key: 'distributor', label: 'Distributor' },
  { key: 'systems-integrator', label: 'Systems integrator' },
  { key: 'msp', label: 'Managed service provider' },
  { key: 'isv', label: 'Independent software vendor (ISV)' },
  { key: 'advisory-firm', label: 'Advisory firm' },
  { key: 'training-company', label: 'Training company' },
  { key: 'media', label: 'Media / podcast' },
  { key: 'association', label: 'Association / network' },
  { key: 'community', label: 'Community' },
].sort(byLabel);

/** Head-count bands, smallest first (the one list not sorted by label). */
export const SIZE_BANDS: readonly FacetValue[] = [
  { key: '1-10', label: '1–10 employees' },
  { key: '11-50', label: '11–50 employees' },
  { key: '51-200', label: '51–200 employees' },
  { key: '201-500', label: '201–500 employees' },
  { key: '501-1000', label: '501–1,000 employees' },
  { key: '1001-5000', label: '1,001–5,000 employees' },
  { key: '5001+', label: '5,001+ employees' },
];

/** Vendor partner designations and security or quality standards, sorted by label. */
export const CERTIFICATIONS: readonly FacetValue[] = [
  { key: 'microsoft-solutions-partner-security', label: 'Microsoft Solutions Partner for Security' },
  { key: 'microsoft-solutions-partner-modern-work', label: 'Microsoft Solutions Partner for Modern Work' },
  {
    key: 'microsoft-solutions-partner-infrastructure',
    label: 'Microsoft Solutions Partner for Infrastructure (Azure)',
  },
  {
    key: 'microsoft-solutions-partner-data-ai',
    label: 'Microsoft Solutions Partner for Data & AI (Azure)',
  },
  {
    key: 'microsoft-solutions-partner-digital-app-innovation',
    label: 'Microsoft Solutions Partner for Digital & App Innovation (Azure)',
  },
  {
    key: 'microsoft-solutions-partner-business-applications',
    label: 'Microsoft Solutions Partner for Business Applications',
  },
  { key: 'aws-select-tier', label: 'AWS Select Tier Services Partner' },
  { key: 'aws-advanced-tier', label: 'AWS Advanced Tier Services Partner' },
  { key: 'aws-premier-tier', label: 'AWS Premier Tier Services Partner' },
  { key: 'aws-msp', label: 'AWS Managed Service Provider (MSP) Partner' },
  { key: 'google-cloud-partner', label: 'Google Cloud Partner' },
  { key: 'google-cloud-premier', label: 'Google Cloud Premier Partner' },
  { key: 'cisco-gold-integrator', label: 'Cisco Gold Integrator' },
  { key: 'salesforce-summit-partner', label: 'Salesforce Summit Partner' },
  { key: 'sap-gold-partner', label: 'SAP Gold Partner' },
  { key: 'servicenow-elite-partner', label: 'ServiceNow Elite Partner' },
  { key: 'hubspot-elite-partner', label: 'HubSpot Elite Solutions Partner' },
  { key: 'snowflake-elite-partner', label: 'Snowflake Elite Services Partner' },
  { key: 'palo-alto-networks-diamond-innovator', label: 'Palo Alto Networks NextWave Diamond Innovator' },
  { key: 'fortinet-expert-partner', label: 'Fortinet Engage Expert Partner' },
  { key: 'broadcom-pinnacle-partner', label: 'Broadcom Advantage Pinnacle Partner (VMware)' },
  { key: 'iso-27001', label: 'ISO/IEC 27001' },
  { key: 'iso-9001', label: 'ISO 9001' },
  { key: 'iso-20000-1', label: 'ISO/IEC 20000-1' },
  { key: 'soc-2-type-2', label: 'SOC 2 Type II' },
  { key: 'cyber-essentials-plus', label: 'Cyber Essentials Plus' },
  { key: 'pci-dss', label: 'PCI DSS' },
].sort(byLabel);
