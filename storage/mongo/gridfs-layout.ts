import { Binary, ObjectId } from 'mongodb';

/**
 * PDFs on MongoDB are GridFS files in the `pdfs` bucket (`pdfs.files`, `pdfs.chunks`),
 * laid out exactly as the GridFS specification says so that any GridFS tool
 * (`GridFSBucket`, `mongofiles`, Compass) can read them. The adapter writes the layout
 * itself rather than through `GridFSBucket` streams because those take no session: a PDF
 * stored in a transaction must commit or roll back with the statement it belongs to.
 */

/** The bucket name, so the collections are `pdfs.files` and `pdfs.chunks`. @example db.collection(`${PDF_BUCKET}.files`); */
export const PDF_BUCKET = 'pdfs';

/** GridFS's default chunk size, 255 KiB. @example PDF_CHUNK_BYTES; // 261120 */
export const PDF_CHUNK_BYTES = 255 * 1024;

/** A `pdfs.files` document; `filename` is the statement id. @example const f: PdfFileDocument = toGridFsDocuments('st_1', pdf, new Date()).file; */
export interface PdfFileDocument {
  _id: ObjectId;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
  metadata: { statementId: string };
}

/**
 * A `pdfs.chunks` document. Its data is written as BSON binary; it reads back as a
 * `Binary`, or as bytes when a connection option promotes buffers.
 *
 * @example
 * const c: PdfChunkDocument = toGridFsDocuments('st_1', pdf, new Date()).chunks[0];
 */
export interface PdfChunkDocument {
  _id: ObjectId;
  files_id: ObjectId;
  n: number;
  data: Binary | Uint8Array;
}

/**
 * Splits a PDF into its GridFS file document and chunks (a new file id each time, so a
 * reader holding the previous file never mixes its chunks with the new ones).
 *
 * @example
 * const { file, chunks } = toGridFsDocuments('st_1', Buffer.alloc(300_000), new Date());
 * chunks.length; // 2
 */
export function toGridFsDocuments(
  statementId: string,
  pdf: Buffer,
  uploadDate: Date,
): { file: PdfFileDocument; chunks: PdfChunkDocument[] } {
  const fileId = new ObjectId();
  const chunks: PdfChunkDocument[] = [];
  for (let n = 0; n * PDF_CHUNK_BYTES < pdf.length; n += 1) {
    const slice = pdf.subarray(n * PDF_CHUNK_BYTES, (n + 1) * PDF_CHUNK_BYTES);
    chunks.push({ _id: new ObjectId(), files_id: fileId, n, data: new Binary(Buffer.from(slice)) });
  }
  return {
    file: {
      _id: fileId,
      length: pdf.length,
      chunkSize: PDF_CHUNK_BYTES,
      uploadDate,
      filename: statementId,
      metadata: { statementId },
    },
    chunks,
  };
}

/**
 * Puts a PDF back together from its file document and chunks (in any order). Answers
 * null when the chunks do not make up the file — read while it was being replaced or
 * deleted — so the caller reads again.
 *
 * @example
 * const { file, chunks } = toGridFsDocuments('st_1', pdf, new Date());
 * fromGridFsDocuments(file, chunks); // equals pdf
 */
export function fromGridFsDocuments(
  file: Pick<PdfFileDocument, 'length' | 'chunkSize'>,
  chunks: Pick<PdfChunkDocument, 'n' | 'data'>[],
): Buffer | null {
  const expected = Math.ceil(file.length / file.chunkSize);
  if (chunks.length !== expected) return null;
  const ordered = [...chunks].sort((a, b) => a.n - b.n);
  const parts: Uint8Array[] = [];
  for (const [index, chunk] of ordered.entries()) {
    if (chunk.n !== index) return null;
    const bytes = chunk.data instanceof Uint8Array ? chunk.data : chunk.data.value();
    const expectedBytes = index === expected - 1 ? file.length - index * file.chunkSize : file.chunkSize;
    if (bytes.length !== expectedBytes) return null;
    parts.push(bytes);
  }
  return Buffer.concat(parts, file.length);
}
