import { splitImageRef } from './image-ref';

describe('splitImageRef', () => {
  it.each([
    ['127.0.0.1:5000/a/b:t', { repo: '127.0.0.1:5000/a/b', tag: 't' }],
    ['127.0.0.1:5000/a/b', { repo: '127.0.0.1:5000/a/b', tag: 'latest' }],
    ['node:20', { repo: 'node', tag: '20' }],
    ['repo:t@sha256:abc', { repo: 'repo', tag: 't' }],
  ])('splits %s', (ref, expected) => {
    expect(splitImageRef(ref)).toEqual(expected);
  });
});
