import { describe, expect, test } from 'vitest';
import { countryCode, normalizeAccount, registrableDomain } from './accounts.normalize.ts';

describe('registrable domain', () => {
  test.each([
    ['https://www.acme.co.uk/x', 'acme.co.uk', 'acme'],
    ['http://shop.acme.com.au:8080/path?q=1', 'acme.com.au', 'acme'],
    ['WWW.ACME.COM', 'acme.com', 'acme'],
    ['acme.com.', 'acme.com', 'acme'],
    ['eu.sales.acme.de', 'acme.de', 'acme'],
    ['sales@acme.com', 'acme.com', 'acme'],
    ['mailto:bob@nordic.acme.se', 'acme.se', 'acme'],
    ['Acme Sales <sales@acme.io>', 'acme.io', 'acme'],
    ['bücher.de', 'xn--bcher-kva.de', 'xn--bcher-kva'],
    ['https://www.bücher.de/', 'xn--bcher-kva.de', 'xn--bcher-kva'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de', 'xn--bcher-kva'],
  ])('%s → %s', (input, domain, key) => {
    expect(registrableDomain(input)).toEqual({ domain, key });
  });

  test.each([
    'someone@gmail.com',
    'someone@outlook.com',
    'someone@yahoo.co.uk',
    'hotmail.fr',
    'https://192.168.1.10/',
    'not a domain',
    'localhost',
    '',
    '   ',
    null,
    undefined,
  ])('%s gives no company domain', (input) => {
    expect(registrableDomain(input)).toBeNull();
  });
});

describe('country', () => {
  test.each([
    ['SE', 'SE'],
    ['se', 'SE'],
    ['SWE', 'SE'],
    ['Sweden', 'SE'],
    ['sweden ', 'SE'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['England', 'GB'],
    ['USA', 'US'],
    ['United States of America', 'US'],
    ['The Netherlands', 'NL'],
    ['Côte d’Ivoire', 'CI'],
    ["Cote d'Ivoire", 'CI'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Czech Republic', 'CZ'],
    ['DEU', 'DE'],
    ['Germany', 'DE'],
  ])('%s → %s', (input, code) => {
    expect(countryCode(input)).toBe(code);
  });

  test.each(['Narnia', 'XX', 'Congo', '', null, 'ZZZ'])('%s is unknown', (input) => {
    expect(countryCode(input)).toBeNull();
  });
});

describe('normalizeAccount', () => {
  test('takes the domain column first, then the website, then the e-mail; folds the name', () => {
    expect(
      normalizeAccount({
        name: '  Müller GmbH & Co. KG ',
        website: 'https://www.mueller.de/kontakt',
        domain: null,
        email: 'info@mueller-group.com',
        country: 'Germany',
      }),
    ).toEqual({
      name: 'Müller GmbH & Co. KG',
      website: 'https://www.mueller.de/kontakt',
      domain: 'mueller.de',
      domainKey: 'mueller',
      nameKey: 'muller',
      country: 'DE',
    });
    expect(normalizeAccount({ name: 'Acme', domain: 'gmail.com', email: 'x@acme.fr' }).domain).toBe(
      'acme.fr',
    );
    expect(normalizeAccount({ name: 'Acme', email: 'x@gmail.com' })).toMatchObject({
      domain: null,
      domainKey: null,
      website: null,
      country: null,
    });
  });

  test('legal suffixes, accents, case and punctuation do not change the name key', () => {
    const keys = ['ACME Inc.', 'Acme, Inc', 'acme incorporated', 'Ácme Ltd', 'A.C.M.E.'].map(
      (name) => normalizeAccount({ name }).nameKey,
    );
    expect(new Set(keys.slice(0, 4))).toEqual(new Set(['acme']));
    expect(keys[4]).toBe('acme');
  });
});
