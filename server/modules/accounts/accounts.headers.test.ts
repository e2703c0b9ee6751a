import { describe, expect, test } from 'vitest';
import { detectMapping, fieldKey, mappingProblems, overrideMapping } from './accounts.headers.ts';

describe('header detection', () => {
  test('a Salesforce Account report export', () => {
    const headers = [
      'Account ID',
      'Account Name',
      'Account Owner',
      'Type',
      'Industry',
      'Annual Revenue',
      'Website',
      'Billing City',
      'Billing Country',
      'Shipping Country',
    ];
    expect(detectMapping(headers)).toEqual({
      source: 'salesforce',
      mapping: {
        externalId: 'Account ID',
        name: 'Account Name',
        website: 'Website',
        domain: null,
        email: null,
        country: 'Billing Country',
        status: 'Type',
        stage: null,
        fields: {
          account_owner: 'Account Owner',
          industry: 'Industry',
          annual_revenue: 'Annual Revenue',
          billing_city: 'Billing City',
          shipping_country: 'Shipping Country',
        },
      },
    });
  });

  test('a Salesforce export with API names gives the same mapping and field keys', () => {
    const detected = detectMapping([
      'Id',
      'Name',
      'Type',
      'Website',
      'BillingCountry',
      'Industry',
      'AnnualRevenue',
      'OwnerId',
    ]);
    expect(detected.source).toBe('salesforce');
    expect(detected.mapping).toMatchObject({
      externalId: 'Id',
      name: 'Name',
      website: 'Website',
      country: 'BillingCountry',
      status: 'Type',
      fields: { industry: 'Industry', annual_revenue: 'AnnualRevenue', owner_id: 'OwnerId' },
    });
  });

  test('a HubSpot company export', () => {
    const detected = detectMapping([
      'Record ID',
      'Company name',
      'Company Domain Name',
      'Website URL',
      'Country/Region',
      'Lifecycle Stage',
      'Lead Status',
      'Type',
      'Company owner',
      'Create Date',
    ]);
    expect(detected).toEqual({
      source: 'hubspot',
      mapping: {
        externalId: 'Record ID',
        name: 'Company name',
        website: 'Website URL',
        domain: 'Company Domain Name',
        email: null,
        country: 'Country/Region',
        status: 'Lead Status',
        stage: 'Lifecycle Stage',
        fields: { type: 'Type', company_owner: 'Company owner', create_date: 'Create Date' },
      },
    });
  });

  test('generic headers', () => {
    const detected = detectMapping(['id', 'name', 'domain', 'country', 'status', 'stage', 'segment']);
    expect(detected).toEqual({
      source: 'generic',
      mapping: {
        externalId: 'id',
        name: 'name',
        website: null,
        domain: 'domain',
        email: null,
        country: 'country',
        status: 'status',
        stage: 'stage',
        fields: { segment: 'segment' },
      },
    });
  });

  test('field keys are stable snake case', () => {
    expect(fieldKey('Annual Revenue')).toBe('annual_revenue');
    expect(fieldKey('AnnualRevenue')).toBe('annual_revenue');
    expect(fieldKey('Customer_Tier__c')).toBe('customer_tier');
    expect(fieldKey('Näringsgren')).toBe('naringsgren');
    expect(fieldKey('2024 ARR')).toBe('f_2024_arr');
  });
});

describe('mapping changes and checks', () => {
  const headers = ['Acct', 'Company', 'Web', 'Segment'];
  test('overrides assign, re-assign and ignore columns', () => {
    const { mapping } = detectMapping(headers);
    expect(mapping.externalId).toBeNull();
    const changed = overrideMapping(mapping, [
      ['Acct', 'externalId'],
      ['Segment', 'ignore'],
      ['Company', 'name'],
    ]);
    expect(changed).toMatchObject({ externalId: 'Acct', name: 'Company', website: 'Web', fields: {} });
    expect(mappingProblems(changed, headers)).toEqual([]);
  });

  test('required fields and unknown columns are named', () => {
    const { mapping } = detectMapping(headers);
    const problems = mappingProblems(
      { ...mapping, country: 'Land', fields: { 'Bad Key': 'Segment' } },
      headers,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'mapping.externalId',
      'mapping.country',
      'mapping.fields.Bad Key',
    ]);
  });
});
