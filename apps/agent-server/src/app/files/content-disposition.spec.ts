import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('names a plain file as is', () => {
    expect(attachmentDisposition('report.txt')).toBe(
      `attachment; filename="report.txt"; filename*=UTF-8''report.txt`,
    );
  });

  it('keeps the exact name in filename* and a safe stand-in in filename', () => {
    expect(attachmentDisposition('naïve "q" 100%.md')).toBe(
      `attachment; filename="na_ve _q_ 100_.md"; filename*=UTF-8''na%C3%AFve%20%22q%22%20100%25.md`,
    );
  });
});
