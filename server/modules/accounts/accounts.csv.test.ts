import { describe, expect, test } from 'vitest';
import { CsvReadError, csvLine, detectDelimiter, NotCsvError, openCsv } from './accounts.csv.ts';

async function* bytes(...parts: (string | Buffer | number[])[]) {
  for (const part of parts)
    yield typeof part === 'string' ? Buffer.from(part) : Array.isArray(part) ? Buffer.from(part) : part;
}

async function readAll(...parts: (string | Buffer | number[])[]) {
  const file = await openCsv(bytes(...parts));
  const rows = [];
  for await (const batch of file.batches)
    rows.push(...batch.map((r) => ({ ...r, raw: csvLine(r.cells, file.delimiter) })));
  return { ...file, rows };
}

describe('reading CSV', () => {
  test('UTF-8 with a BOM: the BOM is not part of the first header', async () => {
    const file = await readAll('\uFEFFid,name\n1,Café Noir\n');
    expect(file.encoding).toBe('utf-8-bom');
    expect(file.header).toEqual(['id', 'name']);
    expect(file.rows.map((r) => r.cells)).toEqual([['1', 'Café Noir']]);
  });

  test('bytes that are not UTF-8 are read as Windows-1252 (Latin-1)', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('id,name\n1,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' Cr'),
      Buffer.from([0xe8, 0x6d, 0x65, 0x0a]),
    ]);
    const file = await readAll(latin1);
    expect(file.encoding).toBe('windows-1252');
    expect(file.rows[0]!.cells).toEqual(['1', 'Café Crème']);
  });

  test('a UTF-8 character split across chunks is decoded whole', async () => {
    const text = Buffer.from('id,name\n1,Ökologie\n');
    const cut = text.indexOf(0xc3) + 1;
    const file = await readAll(text.subarray(0, cut), text.subarray(cut));
    expect(file.encoding).toBe('utf-8');
    expect(file.rows[0]!.cells[1]).toBe('Ökologie');
  });

  test('semicolons and tabs are detected; quoted delimiters and line breaks stay in their cell', async () => {
    expect(detectDelimiter('id;name;"a,b"')).toBe(';');
    expect(detectDelimiter('id\tname')).toBe('\t');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    const file = await readAll('id;name;note\n1;"Acme; Ltd";"two\nlines"\n');
    expect(file.delimiter).toBe(';');
    expect(file.rows[0]).toMatchObject({ row: 2, cells: ['1', 'Acme; Ltd', 'two\nlines'] });
  });

  test('ragged rows come through with their cells and raw text; blank lines are skipped', async () => {
    const file = await readAll('a,b,c\n1,2,3\n\n4,5\n6,7,8,9\n');
    expect(file.rows.map((r) => [r.row, r.cells.length, r.raw])).toEqual([
      [2, 3, '1,2,3'],
      [3, 2, '4,5'],
      [4, 4, '6,7,8,9'],
    ]);
  });

  test('a quote left open fails naming its row', async () => {
    const error = await readAll('id,name\n1,ok\n2,"open\n3,more\n').catch((e) => e);
    expect(error).toBeInstanceOf(CsvReadError);
    expect(error.message).toMatch(/^Row 3 opens a quote that is never closed/);
  });

  test('binary files and files without a header are not CSV', async () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
    await expect(openCsv(bytes(png))).rejects.toThrow(/PNG image, not a CSV file/);
    await expect(openCsv(bytes([0x50, 0x4b, 0x03, 0x04, 1, 2]))).rejects.toThrow(/xlsx/);
    await expect(openCsv(bytes('id,name\0\0\0\n'))).rejects.toThrow(NotCsvError);
    await expect(openCsv(bytes(''))).rejects.toThrow(/empty/);
    await expect(openCsv(bytes('\n\n'))).rejects.toThrow(NotCsvError);
  });

  test('stopping early releases the source', async () => {
    let pulled = 0;
    async function* many() {
      yield Buffer.from('a,b\n');
      for (let i = 0; i < 10_000; i++) {
        pulled++;
        yield Buffer.from(`${i},x\n`.repeat(100));
      }
    }
    const file = await openCsv(many());
    let seen = 0;
    for await (const batch of file.batches) {
      seen += batch.length;
      break;
    }
    expect(seen).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(10_000);
  });
});
