import { describe, expect, test } from 'vitest';
import { companyNameKey, customerDomain, customerKey, nameSimilarity, namesMatch } from './deals.match.ts';

const nameMatch = (a: string, b: string) => namesMatch(companyNameKey(a), companyNameKey(b));

describe('customerDomain', () => {
  test.each([
    'acme.com',
    'www.acme.com',
    'https://www.acme.com/about',
    'http://acme.com:8080',
    'sales.eu.acme.com',
    'acme.co.uk',
    'acme.de',
    'jane.doe@acme.se',
    'ACME.COM',
    '  acme.com  ',
  ])('%s belongs to the company acme', (input) => {
    expect(customerDomain(input)?.key).toBe('acme');
  });

  test('keeps the registrable domain, dropping subdomains, scheme and path', () => {
    expect(customerDomain('https://www.acme.co.uk/contact')).toEqual({ domain: 'acme.co.uk', key: 'acme' });
    expect(customerDomain('eu.shop.acme.de')).toEqual({ domain: 'acme.de', key: 'acme' });
  });

  test('leaves international domain names as typed', () => {
    expect(customerDomain('https://www.müller.de')).toEqual({ domain: 'müller.de', key: 'müller' });
  });

  test.each([
    'gmail.com',
    'someone@gmail.com',
    'yahoo.co.uk',
    'hotmail.fr',
    'jane@gmx.at',
    'proton.me',
    'localhost',
    '192.168.1.1',
    'http://[::1]:3000',
    'not a domain',
    'acme',
    '',
  ])('%s identifies no company', (input) => {
    expect(customerDomain(input)).toBeNull();
  });

  test('different companies keep different keys', () => {
    expect(customerDomain('acme.com')?.key).not.toBe(customerDomain('acmeco.com')?.key);
  });
});

describe('companyNameKey', () => {
  test.each([
    ['Société Générale', 'societe generale'],
    ['Acme Holding GmbH & Co. KG', 'acme holding'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['Contoso S.à r.l.', 'contoso'],
    ['Fabrikam B.V.', 'fabrikam'],
    ['Tailspin Co., Ltd.', 'tailspin'],
    ['Wingtip Pty Ltd', 'wingtip'],
    ['Nordlys Oy Ab', 'nordlys'],
    ['Nordlys AB (publ)', 'nordlys'],
    ['Fjord A/S', 'fjord'],
    ['Kraków Sp. z o.o.', 'krakow'],
    ['Tallinn OÜ', 'tallinn'],
    ['Infosys Pvt. Ltd.', 'infosys'],
    ['I.B.M.', 'ibm'],
  ])('%s compares as "%s"', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  test.each([
    ['AB', 'ab'],
    ['Co', 'co'],
    ['GmbH & Co. KG', 'gmbh'],
    ['S.A.', 'sa'],
  ])('a name that is only a legal form (%s) keeps a key', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  test('keeps a legal-form word that is not at the end', () => {
    expect(companyNameKey('AG Solutions Ltd')).toBe('ag solutions');
  });
});

describe('namesMatch', () => {
  test.each([
    ['Acme Inc', 'ACME, Inc.'],
    ['Acme Inc', 'Acme Incorporated'],
    ['Acme Incorporated', 'acme'],
    ['Nordlys AB', 'Nordlys Aktiebolag'],
    ['Fjord AS', 'Fjord Aksjeselskap'],
    ['Sauna Oy', 'Sauna Osakeyhtiö'],
    ['Société Générale SA', 'Societe Generale'],
    ['Müller GmbH & Co. KG', 'Muller GmbH'],
    ['Contoso Ltd.', 'Contoso Limited'],
    ['Fabrikam Systems', 'Fabrikkam Systems'],
    ['Fabrikam Systems', 'Fabrkiam Systems'],
    ['Acme', 'Acme Nordic'],
  ])('%s is the same company as %s', (a, b) => {
    expect(nameMatch(a, b)).toBe(true);
    expect(nameMatch(b, a)).toBe(true);
  });

  test.each([
    ['Acme Security', 'Apex Security'],
    ['Nordic Solutions AB', 'Baltic Solutions AB'],
    ['Global Tech Group', 'Global Health Group'],
    ['Acme', 'Acne'],
    ['Acme', 'Acme Health'],
  ])('%s is not the same company as %s', (a, b) => {
    expect(nameMatch(a, b)).toBe(false);
  });

  test('scores stay between 0 and 1, with identical names 1 and empty names 0', () => {
    expect(nameSimilarity('acme', 'acme')).toBe(1);
    expect(nameSimilarity('', '')).toBe(0);
    expect(nameSimilarity('acme', '')).toBe(0);
    expect(nameSimilarity('acme security', 'apex security')).toBeGreaterThan(0);
    expect(nameSimilarity('acme security', 'apex security')).toBeLessThan(1);
  });
});

describe('customerKey', () => {
  test('prefers the domain, so the name and country do not matter', () => {
    const a = customerKey({ domainKey: 'acme', country: 'SE', nameKey: 'acme' });
    const b = customerKey({ domainKey: 'acme', country: 'DE', nameKey: 'acme nordic' });
    expect(a).toBe('d:acme');
    expect(b).toBe(a);
  });

  test('without a domain, the same name in different countries is a different customer', () => {
    const se = customerKey({ domainKey: null, country: 'se', nameKey: 'acme' });
    const de = customerKey({ domainKey: null, country: 'DE', nameKey: 'acme' });
    expect(se).toBe('n:SE:acme');
    expect(de).not.toBe(se);
    expect(customerKey({ domainKey: null, country: null, nameKey: 'acme' })).toBe('n:-:acme');
  });
});
