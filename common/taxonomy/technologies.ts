/**
 * Technologies an organization sells, builds on or services, and the practices it runs. Curated by
 * hand: no standard or package lists the IT channel's product families. Vendor-neutral: each major
 * vendor's families sit in the group a buyer would look in. Keys are kebab-case and never change
 * once used (a rename changes the label only); add new values rather than repurpose old keys.
 */
import { byLabel, type FacetValue } from './types.ts';

/** A group of technologies, for grouping the technology facet in pickers. */
const GROUPS = [
  { key: 'cloud-platforms', label: 'Cloud platforms' },
  { key: 'productivity', label: 'Productivity suites' },
  { key: 'business-applications', label: 'Business applications' },
  { key: 'security', label: 'Security' },
  { key: 'data-ai', label: 'Data and AI' },
  { key: 'networking', label: 'Networking' },
  { key: 'infrastructure', label: 'Infrastructure and virtualization' },
  { key: 'devops', label: 'DevOps and observability' },
  { key: 'collaboration', label: 'Collaboration and communications' },
  { key: 'endpoint', label: 'Endpoint and modern work' },
  { key: 'backup', label: 'Backup and recovery' },
  { key: 'msp-tools', label: 'MSP tools (RMM and PSA)' },
] as const satisfies readonly FacetValue[];

/** A technology group's key. */
export type TechnologyGroup = (typeof GROUPS)[number]['key'];

/** A technology or product family, with the group it is listed under. */
export interface Technology extends FacetValue {
  readonly group: TechnologyGroup;
}

/** Technology groups, sorted by label. */
export const TECHNOLOGY_GROUPS: readonly FacetValue[] = [...GROUPS].sort(byLabel);

/** Technologies and product families, sorted by label. */
export const TECHNOLOGIES: readonly Technology[] = (
  [
    { key: 'aws', label: 'Amazon Web Services (AWS)', group: 'cloud-platforms' },
    { key: 'azure', label: 'Microsoft Azure', group: 'cloud-platforms' },
    { key: 'google-cloud', label: 'Google Cloud', group: 'cloud-platforms' },
    { key: 'oracle-cloud', label: 'Oracle Cloud Infrastructure', group: 'cloud-platforms' },
    { key: 'ibm-cloud', label: 'IBM Cloud', group: 'cloud-platforms' },
    { key: 'alibaba-cloud', label: 'Alibaba Cloud', group: 'cloud-platforms' },

    { key: 'microsoft-365', label: 'Microsoft 365', group: 'productivity' },
    { key: 'google-workspace', label: 'Google Workspace', group: 'productivity' },
    { key: 'zoho-workplace', label: 'Zoho Workplace', group: 'productivity' },

    { key: 'dynamics-365', label: 'Microsoft Dynamics 365', group: 'business-applications' },
    { key: 'power-platform', label: 'Microsoft Power Platform', group: 'business-applications' },
    { key: 'salesforce', label: 'Salesforce', group: 'business-applications' },
    { key: 'sap', label: 'SAP', group: 'business-applications' },
    { key: 'netsuite', label: 'Oracle NetSuite', group: 'business-applications' },
    { key: 'oracle-fusion', label: 'Oracle Fusion Cloud Applications', group: 'business-applications' },
    { key: 'hubspot', label: 'HubSpot', group: 'business-applications' },
    { key: 'servicenow', label: 'ServiceNow', group: 'business-applications' },
    { key: 'workday', label: 'Workday', group: 'business-applications' },
    { key: 'odoo', label: 'Odoo', group: 'business-applications' },

    { key: 'crowdstrike', label: 'CrowdStrike', group: 'security' },
    { key: 'palo-alto-networks', label: 'Palo Alto Networks', group: 'security' },
    { key: 'fortinet', label: 'Fortinet', group: 'security' },
    { key: 'microsoft-security', label: 'Microsoft Security (Defender, Sentinel, Entra)', group: 'security' },
    { key: 'okta', label: 'Okta', group: 'security' },
    { key: 'sentinelone', label: 'SentinelOne', group: 'security' },
    { key: 'zscaler', label: 'Zscaler', group: 'security' },
    { key: 'check-point', label: 'Check Point', group: 'security' },
    { key: 'sophos', label: 'Sophos', group: 'security' },
    { key: 'cloudflare', label: 'Cloudflare', group: 'security' },
    { key: 'splunk', label: 'Splunk', group: 'security' },
    { key: 'proofpoint', label: 'Proofpoint', group: 'security' },

    { key: 'databricks', label: 'Databricks', group: 'data-ai' },
    { key: 'snowflake', label: 'Snowflake', group: 'data-ai' },
    { key: 'microsoft-fabric', label: 'Microsoft Fabric', group: 'data-ai' },
    { key: 'power-bi', label: 'Microsoft Power BI', group: 'data-ai' },
    { key: 'microsoft-copilot', label: 'Microsoft Copilot', group: 'data-ai' },
    { key: 'tableau', label: 'Tableau', group: 'data-ai' },
    { key: 'openai', label: 'OpenAI', group: 'data-ai' },
    { key: 'anthropic', label: 'Anthropic', group: 'data-ai' },
    { key: 'google-gemini', label: 'Google Gemini', group: 'data-ai' },
    { key: 'nvidia-ai', label: 'NVIDIA AI', group: 'data-ai' },

    { key: 'cisco', label: 'Cisco', group: 'networking' },
    { key: 'meraki', label: 'Cisco Meraki', group: 'networking' },
    { key: 'juniper', label: 'Juniper Networks', group: 'networking' },
    { key: 'aruba', label: 'HPE Aruba Networking', group: 'networking' },
    { key: 'arista', label: 'Arista Networks', group: 'networking' },
    { key: 'ubiquiti', label: 'Ubiquiti', group: 'networking' },

    { key: 'vmware', label: 'VMware by Broadcom', group: 'infrastructure' },
    { key: 'nutanix', label: 'Nutanix', group: 'infrastructure' },
    { key: 'windows-server', label: 'Windows Server', group: 'infrastructure' },
    { key: 'red-hat', label: 'Red Hat', group: 'infrastructure' },
    { key: 'dell', label: 'Dell Technologies', group: 'infrastructure' },
    { key: 'hpe', label: 'Hewlett Packard Enterprise (HPE)', group: 'infrastructure' },
    { key: 'netapp', label: 'NetApp', group: 'infrastructure' },
    { key: 'pure-storage', label: 'Pure Storage', group: 'infrastructure' },

    { key: 'github', label: 'GitHub', group: 'devops' },
    { key: 'gitlab', label: 'GitLab', group: 'devops' },
    { key: 'atlassian', label: 'Atlassian (Jira, Confluence)', group: 'devops' },
    { key: 'kubernetes', label: 'Kubernetes', group: 'devops' },
    { key: 'terraform', label: 'HashiCorp Terraform', group: 'devops' },
    { key: 'datadog', label: 'Datadog', group: 'devops' },
    { key: 'dynatrace', label: 'Dynatrace', group: 'devops' },

    { key: 'microsoft-teams', label: 'Microsoft Teams', group: 'collaboration' },
    { key: 'zoom', label: 'Zoom', group: 'collaboration' },
    { key: 'webex', label: 'Cisco Webex', group: 'collaboration' },
    { key: 'slack', label: 'Slack', group: 'collaboration' },
    { key: 'ringcentral', label: 'RingCentral', group: 'collaboration' },
    { key: 'genesys', label: 'Genesys', group: 'collaboration' },

    { key: 'microsoft-intune', label: 'Microsoft Intune', group: 'endpoint' },
    { key: 'azure-virtual-desktop', label: 'Azure Virtual Desktop', group: 'endpoint' },
    { key: 'jamf', label: 'Jamf', group: 'endpoint' },
    { key: 'citrix', label: 'Citrix', group: 'endpoint' },
    { key: 'omnissa', label: 'Omnissa Workspace ONE', group: 'endpoint' },

    { key: 'veeam', label: 'Veeam', group: 'backup' },
    { key: 'rubrik', label: 'Rubrik', group: 'backup' },
    { key: 'cohesity', label: 'Cohesity', group: 'backup' },
    { key: 'commvault', label: 'Commvault', group: 'backup' },
    { key: 'acronis', label: 'Acronis', group: 'backup' },
    { key: 'datto', label: 'Datto', group: 'backup' },

    { key: 'connectwise', label: 'ConnectWise', group: 'msp-tools' },
    { key: 'kaseya', label: 'Kaseya', group: 'msp-tools' },
    { key: 'n-able', label: 'N-able', group: 'msp-tools' },
    { key: 'ninjaone', label: 'NinjaOne', group: 'msp-tools' },
  ] satisfies Technology[]
).sort(byLabel);

/** Types of practice an organization runs, sorted by label. */
export const PRACTICES: readonly FacetValue[] = [
  { key: 'managed-services', label: 'Managed services' },
  { key: 'cloud-migration', label: 'Cloud migration' },
  { key: 'finops', label: 'Cloud cost management (FinOps)' },
  { key: 'infrastructure', label: 'Infrastructure and data center' },
  { key: 'security-operations', label: 'Security operations (SOC, MDR)' },
  { key: 'identity-access', label: 'Identity and access management' },
  { key: 'compliance', label: 'Governance, risk and compliance' },
  { key: 'modern-work', label: 'Modern work' },
  { key: 'unified-communications', label: 'Unified communications and contact center' },
  { key: 'data-analytics', label: 'Data and analytics' },
  { key: 'ai-ml', label: 'AI and machine learning' },
  { key: 'app-modernization', label: 'Application modernization' },
  { key: 'custom-development', label: 'Custom software development' },
  { key: 'erp-implementation', label: 'ERP implementation' },
  { key: 'crm-implementation', label: 'CRM implementation' },
  { key: 'networking', label: 'Networking' },
  { key: 'devops', label: 'DevOps and platform engineering' },
  { key: 'backup-dr', label: 'Backup and disaster recovery' },
  { key: 'devices', label: 'Devices and hardware' },
  { key: 'licensing', label: 'Licensing and procurement' },
  { key: 'training', label: 'Training and enablement' },
  { key: 'advisory', label: 'Advisory and consulting' },
  { key: 'marketing-services', label: 'Partner marketing services' },
].sort(byLabel);
