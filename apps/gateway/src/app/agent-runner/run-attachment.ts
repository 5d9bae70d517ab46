/** A file sent with a run, to be placed in the runtime's working directory before it starts. */
export interface RunAttachment {
  /** A plain file name (no directories); the multipart reader has checked it. */
  filename: string;
  content: Buffer;
}
