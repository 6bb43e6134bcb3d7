import { BSON } from 'mongodb';
import { PDF_CHUNK_BYTES, fromGridFsDocuments, toGridFsDocuments } from './gridfs-layout';

/** A PDF-sized buffer with every byte value in it, so a lost or shifted byte shows. */
const bytes = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + 3) % 256));

/** What the documents look like after a trip through BSON, as the server hands them back. */
const throughBson = <T extends object>(doc: T): T => BSON.deserialize(BSON.serialize(doc)) as T;

describe('PDFs laid out as GridFS files', () => {
  it.each([
    ['an empty file', 0],
    ['a file smaller than a chunk', 1000],
    ['a file of exactly one chunk', PDF_CHUNK_BYTES],
    ['a file spanning several chunks', PDF_CHUNK_BYTES * 3 + 17],
  ])('round-trips %s byte for byte through BSON', (_, length) => {
    const pdf = bytes(length);
    const { file, chunks } = toGridFsDocuments('st_1', pdf, new Date(0));
    expect(chunks).toHaveLength(Math.ceil(length / PDF_CHUNK_BYTES));
    const stored = chunks.map(throughBson).reverse();
    expect(fromGridFsDocuments(throughBson(file), stored)?.equals(pdf)).toBe(true);
  });

  it('names the file after the statement and points every chunk at it, numbered from 0', () => {
    const { file, chunks } = toGridFsDocuments('st_42', bytes(PDF_CHUNK_BYTES + 1), new Date(0));
    expect(file).toMatchObject({ filename: 'st_42', length: PDF_CHUNK_BYTES + 1, chunkSize: PDF_CHUNK_BYTES, metadata: { statementId: 'st_42' } });
    expect(chunks.map((c) => [c.files_id.equals(file._id), c.n])).toEqual([
      [true, 0],
      [true, 1],
    ]);
  });

  it('gives each upload a new file id, so a replaced file never mixes with its successor', () => {
    const first = toGridFsDocuments('st_1', bytes(10), new Date(0)).file._id;
    const second = toGridFsDocuments('st_1', bytes(10), new Date(0)).file._id;
    expect(first.equals(second)).toBe(false);
  });

  it('reports an incomplete file (a chunk missing or cut short) instead of answering wrong bytes', () => {
    const { file, chunks } = toGridFsDocuments('st_1', bytes(PDF_CHUNK_BYTES * 2 + 5), new Date(0));
    expect(fromGridFsDocuments(file, chunks.slice(0, 2))).toBeNull();
    expect(fromGridFsDocuments(file, [chunks[0], chunks[2], chunks[2]])).toBeNull();
    const short = toGridFsDocuments('st_1', bytes(PDF_CHUNK_BYTES + 4), new Date(0)).chunks;
    expect(fromGridFsDocuments(file, [chunks[0], chunks[1], short[1]])).toBeNull();
  });
});
